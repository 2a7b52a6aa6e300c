package dev.depot.server.api;

import dev.depot.server.db.Database;
import dev.depot.server.task.TaskStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /status/}: version and database health; the one call that needs no credentials. */
final class StatusEndpoint {
  static final String PATH = Representations.API + "status/";

  private final Database database;
  private final String version;
  private final TaskStore tasks;

  StatusEndpoint(Database database, String version, TaskStore tasks) {
    this.database = database;
    this.version = version;
    this.tasks = tasks;
  }

  void register(Router router) {
    router.add("GET", PATH, this::status);
  }

  private ApiResponse status(ApiRequest request) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("api_version", "2");
    json.put("versions", Map.of("platform_version", version));
    boolean connected = database.isConnected();
    json.put("database_connection", Map.of("connected", connected));
    json.put("database_type", database.dialect().name().toLowerCase(java.util.Locale.ROOT));
    json.put("known_workers", connected ? tasks.workers() : List.of());
    return ApiResponse.ok(json);
  }
}
