package dev.depot.server.history;

import dev.depot.server.db.Timestamps;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pulp's JSON shapes for sync and publish history entries (also the tasks' results). */
public final class HistoryJson {
  private HistoryJson() {}

  /** A sync entry. */
  public static Map<String, Object> sync(HistoryEntry e) {
    Map<String, Object> json = common(e, "repo_sync_results");
    json.put("importer_id", e.pluginId());
    json.put("importer_type_id", e.pluginTypeId());
    json.put("added_count", e.added());
    json.put("updated_count", e.updated());
    json.put("removed_count", e.removed());
    json.put("summary", e.summary());
    json.put("details", e.details());
    return json;
  }

  /** A publish entry. */
  public static Map<String, Object> publish(HistoryEntry e) {
    Map<String, Object> json = common(e, "repo_publish_results");
    json.put("distributor_id", e.pluginId());
    json.put("distributor_type_id", e.pluginTypeId());
    json.put("summary", e.summary());
    json.put("details", e.details());
    return json;
  }

  private static Map<String, Object> common(HistoryEntry e, String ns) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", Map.of("$oid", e.oid()));
    json.put("id", e.oid());
    json.put("_ns", ns);
    json.put("repo_id", e.repoId());
    json.put("started", Timestamps.format(e.started()));
    json.put("completed", Timestamps.format(e.completed()));
    json.put("result", e.result());
    json.put("error_message", e.errorMessage());
    json.put("exception", null);
    json.put("traceback", e.traceback());
    return json;
  }
}
