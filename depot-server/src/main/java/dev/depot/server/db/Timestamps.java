package dev.depot.server.db;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jdbi.v3.core.argument.Argument;

/**
 * Instants in and out of {@code TIMESTAMP WITH TIME ZONE} columns. Bound as {@link OffsetDateTime}
 * in UTC so neither driver applies the JVM's time zone.
 */
public final class Timestamps {
  private static final DateTimeFormatter PULP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private Timestamps() {}

  /** A statement argument for the instant, or SQL NULL. */
  public static Argument arg(Instant instant) {
    return (position, statement, ctx) -> {
      if (instant == null) {
        statement.setNull(position, Types.TIMESTAMP_WITH_TIMEZONE);
      } else {
        statement.setObject(position, instant.atOffset(ZoneOffset.UTC));
      }
    };
  }

  /** Reads a column, null stays null. */
  public static Instant read(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Now, at the precision both databases keep. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** Pulp's wire format: ISO 8601 UTC to the second, or null. */
  public static String format(Instant instant) {
    return instant == null ? null : PULP.format(instant);
  }
}
