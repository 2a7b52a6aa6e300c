package dev.depot.server.history;

import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The sync and publish history of repositories. */
public final class History {
  private final Jdbi jdbi;

  /** Binds the history to the database. */
  public History(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Records a sync; returns the entry with its id. */
  public HistoryEntry recordSync(HistoryEntry entry) {
    HistoryEntry saved = withId(entry);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO repo_sync_results (oid, repo_id, importer_type_id, started,"
                        + " completed, result, error_message, traceback, added_count,"
                        + " updated_count, removed_count, summary, details) VALUES (:oid, :repo,"
                        + " :type, :started, :completed, :result, :error, :traceback, :added,"
                        + " :updated, :removed, :summary, :details)")
                .bind("oid", saved.oid())
                .bind("repo", saved.repoId())
                .bind("type", saved.pluginTypeId())
                .bind("started", Timestamps.arg(saved.started()))
                .bind("completed", Timestamps.arg(saved.completed()))
                .bind("result", saved.result())
                .bind("error", saved.errorMessage())
                .bind("traceback", saved.traceback())
                .bind("added", saved.added())
                .bind("updated", saved.updated())
                .bind("removed", saved.removed())
                .bind("summary", Json.write(saved.summary()))
                .bind("details", Json.write(saved.details()))
                .execute());
    return saved;
  }

  /** Records a publish; returns the entry with its id. */
  public HistoryEntry recordPublish(HistoryEntry entry) {
    HistoryEntry saved = withId(entry);
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO repo_publish_results (oid, repo_id, distributor_id,"
                        + " distributor_type_id, started, completed, result, error_message,"
                        + " traceback, summary, details) VALUES (:oid, :repo, :id, :type, :started,"
                        + " :completed, :result, :error, :traceback, :summary, :details)")
                .bind("oid", saved.oid())
                .bind("repo", saved.repoId())
                .bind("id", saved.pluginId())
                .bind("type", saved.pluginTypeId())
                .bind("started", Timestamps.arg(saved.started()))
                .bind("completed", Timestamps.arg(saved.completed()))
                .bind("result", saved.result())
                .bind("error", saved.errorMessage())
                .bind("traceback", saved.traceback())
                .bind("summary", Json.write(saved.summary()))
                .bind("details", Json.write(saved.details()))
                .execute());
    return saved;
  }

  private static HistoryEntry withId(HistoryEntry e) {
    return new HistoryEntry(
        ObjectIds.next(),
        e.repoId(),
        e.pluginId(),
        e.pluginTypeId(),
        e.started(),
        e.completed(),
        e.result(),
        e.errorMessage(),
        e.traceback(),
        e.added(),
        e.updated(),
        e.removed(),
        e.summary(),
        e.details());
  }

  /** A repository's sync history. */
  public List<HistoryEntry> syncs(String repoId, HistoryQuery query) {
    return list("repo_sync_results", "repo_id = :repo", repoId, null, query, true);
  }

  /** A distributor's publish history. */
  public List<HistoryEntry> publishes(String repoId, String distributorId, HistoryQuery query) {
    return list(
        "repo_publish_results",
        "repo_id = :repo AND distributor_id = :dist",
        repoId,
        distributorId,
        query,
        false);
  }

  private List<HistoryEntry> list(
      String table,
      String where,
      String repoId,
      String distributorId,
      HistoryQuery query,
      boolean sync) {
    StringBuilder sql = new StringBuilder("SELECT * FROM " + table + " WHERE " + where);
    if (query.startDate() != null) {
      sql.append(" AND started >= :start");
    }
    if (query.endDate() != null) {
      sql.append(" AND started <= :end");
    }
    sql.append(query.ascending() ? " ORDER BY seq" : " ORDER BY seq DESC");
    if (query.limit() > 0) {
      sql.append(" LIMIT ").append(query.limit());
    }
    return jdbi.withHandle(
        h -> {
          var q = h.createQuery(sql.toString()).bind("repo", repoId);
          if (distributorId != null) {
            q.bind("dist", distributorId);
          }
          if (query.startDate() != null) {
            q.bind("start", Timestamps.arg(query.startDate()));
          }
          if (query.endDate() != null) {
            q.bind("end", Timestamps.arg(query.endDate()));
          }
          return q.map((rs, ctx) -> entry(rs, sync)).list();
        });
  }

  private static HistoryEntry entry(ResultSet rs, boolean sync) throws SQLException {
    String summary = rs.getString("summary");
    String details = rs.getString("details");
    return new HistoryEntry(
        rs.getString("oid"),
        rs.getString("repo_id"),
        sync ? rs.getString("importer_type_id") : rs.getString("distributor_id"),
        sync ? rs.getString("importer_type_id") : rs.getString("distributor_type_id"),
        Timestamps.read(rs, "started"),
        Timestamps.read(rs, "completed"),
        rs.getString("result"),
        rs.getString("error_message"),
        rs.getString("traceback"),
        sync ? rs.getObject("added_count", Long.class) : null,
        sync ? rs.getObject("updated_count", Long.class) : null,
        sync ? rs.getObject("removed_count", Long.class) : null,
        summary == null ? null : Json.readValue(summary),
        details == null ? null : Json.readValue(details));
  }
}
