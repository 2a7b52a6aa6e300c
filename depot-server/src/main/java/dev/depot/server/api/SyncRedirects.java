package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.repo.RepositoryJson;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * EXECUTE runs a sync (now, or on a schedule); it does not let a caller send the importer's stored
 * credentials (passwords, client keys, masked everywhere) to a feed or proxy of its own choosing.
 * An {@code override_config} that moves the sync elsewhere while such secrets are stored wants what
 * changing the importer's config wants: UPDATE on the importer.
 */
final class SyncRedirects {
  /** The keys that say where a sync connects, and so where the stored credentials go. */
  private static final List<String> DESTINATION_KEYS = List.of("feed", "proxy_host", "proxy_port");

  private final RepositoryImporters importers;
  private final Permissions permissions;

  SyncRedirects(RepositoryImporters importers, Permissions permissions) {
    this.importers = importers;
    this.permissions = permissions;
  }

  /**
   * Refuses {@code override} for a sync of {@code repoId} when it moves the stored secrets
   * elsewhere and the caller may not change the importer.
   */
  void check(Caller caller, String repoId, Map<String, Object> override) {
    if (override == null || !(caller instanceof Caller.User user)) {
      return;
    }
    var importer = importers.find(repoId);
    Map<String, Object> stored = importer.map(i -> i.config()).orElse(Map.of());
    boolean secrets =
        stored.entrySet().stream()
            .anyMatch(e -> e.getValue() != null && RepositoryJson.isSecret(e.getKey()));
    String resource =
        "/v2/repositories/"
            + repoId
            + "/importers/"
            + importer.map(i -> i.typeId()).orElse("")
            + "/";
    for (String key : DESTINATION_KEYS) {
      if (secrets
          && override.containsKey(key)
          && !Objects.equals(String.valueOf(override.get(key)), String.valueOf(stored.get(key)))
          && !permissions.allowed(user.name(), "UPDATE", resource)) {
        throw PermissionDenied.forUser(
            user.name(), "UPDATE on " + resource + " (override_config." + key + ")");
      }
    }
  }
}
