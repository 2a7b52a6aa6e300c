package dev.depot.server.api;

import dev.depot.plugin.Platform;
import dev.depot.server.db.Database;
import dev.depot.server.task.TaskStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /status/}: version, database health, the processes on the database and the listeners'
 * URLs; the one call that needs no credentials.
 */
final class StatusEndpoint {
  static final String PATH = Representations.API + "status/";

  private final Database database;
  private final String version;
  private final TaskStore tasks;
  private final Supplier<Platform> platform;

  /**
   * @param platform the platform as it is at each request: it learns the listeners' ports only once
   *     they are bound, after the API is built
   */
  StatusEndpoint(Database database, String version, TaskStore tasks, Supplier<Platform> platform) {
    this.database = database;
    this.version = version;
    this.tasks = tasks;
    this.platform = platform;
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
    // Depot's addition: every process on the database, whatever its roles, with its build (Pulp
    // lists only its task processes): during an upgrade, which ones still run the older version.
    json.put("known_processes", connected ? database.processes() : List.of());
    // Depot's addition: where the listeners are, so a client that knows one (the CLI, say) can
    // name a tree's URL over the other protocol too.
    Map<String, Object> listeners = new LinkedHashMap<>();
    for (String protocol : List.of("http", "https")) {
      listeners.put(protocol, platform.get().baseUrl(protocol).map(Object::toString).orElse(null));
    }
    json.put("listeners", listeners);
    return ApiResponse.ok(json);
  }
}
