package dev.depot.server.db;

import java.sql.SQLException;
import org.jdbi.v3.core.Handle;

/** The two databases Depot runs on; SQL that differs between them asks this. */
public enum Dialect {
  /** Embedded H2, the default. */
  H2,
  /** PostgreSQL, for production and scale-out. */
  POSTGRESQL;

  /** The dialect of a JDBC URL; anything else is refused with the accepted forms. */
  public static Dialect of(String url) {
    if (url.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new IllegalArgumentException(
        "database-url must start with jdbc:h2: or jdbc:postgresql:, not "
            + url.replaceAll("(?i)(password=)[^&;]*", "$1*****"));
  }

  /** The dialect of the database a handle is connected to. */
  public static Dialect of(Handle h) {
    try {
      return of(h.getConnection().getMetaData().getURL());
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the database URL", e);
    }
  }
}
