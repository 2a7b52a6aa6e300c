package dev.depot.server.consumer;

import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * What happened to each consumer: registered, bound, unbound, unregistered. Entries outlive the
 * consumer, so an admin can read an unregistered consumer's past.
 */
public final class ConsumerHistory {
  /** The originator of what the server does on its own (e.g. unbinding a removed distributor). */
  public static final String SYSTEM = "SYSTEM";

  private final Jdbi jdbi;

  /** Binds the history to the database. */
  public ConsumerHistory(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /**
   * Which entries to list.
   *
   * @param types only these event types, or empty for all
   * @param startDate only entries at or after, or null
   * @param endDate only entries at or before, or null
   * @param limit at most this many, or 0 for all
   * @param ascending oldest first if true (default: newest first, as Pulp)
   */
  public record Query(
      List<String> types, Instant startDate, Instant endDate, int limit, boolean ascending) {}

  /** Records an entry inside the caller's transaction. */
  void record(
      Handle h, String consumerId, String type, String originator, Map<String, Object> details) {
    h.createUpdate(
            "INSERT INTO consumer_history (oid, consumer_id, event_type, originator, details,"
                + " recorded) VALUES (:oid, :consumer, :type, :originator, :details, :now)")
        .bind("oid", ObjectIds.next())
        .bind("consumer", consumerId)
        .bind("type", type)
        .bind("originator", originator)
        .bind("details", details == null ? null : Json.write(details))
        .bind("now", Timestamps.arg(Timestamps.now()))
        .execute();
  }

  /** Whether any entry exists for the consumer (so its history is known though it is gone). */
  public boolean known(String consumerId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM consumer_history WHERE consumer_id = :c")
                    .bind("c", consumerId)
                    .mapTo(Long.class)
                    .one()
                > 0);
  }

  /** A consumer's entries. */
  public List<HistoryEvent> list(String consumerId, Query query) {
    StringBuilder sql = new StringBuilder("SELECT * FROM consumer_history WHERE consumer_id = :c");
    if (!query.types().isEmpty()) {
      sql.append(" AND event_type IN (<types>)");
    }
    if (query.startDate() != null) {
      sql.append(" AND recorded >= :start");
    }
    if (query.endDate() != null) {
      sql.append(" AND recorded <= :end");
    }
    sql.append(query.ascending() ? " ORDER BY seq" : " ORDER BY seq DESC");
    if (query.limit() > 0) {
      sql.append(" LIMIT ").append(query.limit());
    }
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql.toString()).bind("c", consumerId);
          if (!query.types().isEmpty()) {
            q.bindList("types", query.types());
          }
          if (query.startDate() != null) {
            q.bind("start", Timestamps.arg(query.startDate()));
          }
          if (query.endDate() != null) {
            q.bind("end", Timestamps.arg(query.endDate()));
          }
          return q.map(
                  (rs, ctx) -> {
                    String details = rs.getString("details");
                    return new HistoryEvent(
                        rs.getString("oid"),
                        rs.getString("consumer_id"),
                        rs.getString("event_type"),
                        rs.getString("originator"),
                        details == null ? null : Json.readMap(details),
                        Timestamps.read(rs, "recorded"));
                  })
              .list();
        });
  }
}
