package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.repo.RepositoryDistributors;
import java.util.List;
import java.util.Map;

/**
 * EXECUTE publishes a distributor as it is configured; it does not reconfigure it for one publish.
 * An {@code override_config} that changes or removes what the stored config sets (lifting an {@code
 * ssl_auth_ca_cert}, moving a {@code relative_url}, {@code export_dir} or {@code install_path}, or
 * an rsync {@code remote}), or that names where a publish writes when the config leaves that to the
 * default, wants what changing the config wants: UPDATE on the distributor. Other overrides (a
 * {@code force_full}, an export's {@code start_date}) go with EXECUTE, as in Pulp.
 */
final class PublishOverrides {
  /** The keys that say where a publish writes or pushes, when the stored config leaves them out. */
  private static final List<String> DESTINATION_KEYS =
      List.of("relative_url", "export_dir", "install_path", "subdir", "remote", "ssl_auth_ca_cert");

  private final RepositoryDistributors distributors;
  private final Permissions permissions;

  PublishOverrides(RepositoryDistributors distributors, Permissions permissions) {
    this.distributors = distributors;
    this.permissions = permissions;
  }

  /**
   * Refuses {@code override} for a publish of {@code distributorId} when it changes the stored
   * config in a way the caller may not change the config itself; then checks the config it makes.
   */
  void check(Caller caller, String repoId, String distributorId, Map<String, Object> override) {
    if (override == null || override.isEmpty()) {
      return;
    }
    requireUpdateToReconfigure(
        permissions,
        caller,
        distributors.get(repoId, distributorId).config(),
        "/v2/repositories/" + repoId + "/distributors/" + distributorId + "/",
        override);
    distributors.checkOverride(repoId, distributorId, override);
  }

  /**
   * Refuses {@code override} of a distributor whose stored config is {@code stored} when it
   * reconfigures the publish and the caller may not UPDATE {@code resource}, the distributor's
   * path; a group publish is held to it too.
   */
  static void requireUpdateToReconfigure(
      Permissions permissions,
      Caller caller,
      Map<String, Object> stored,
      String resource,
      Map<String, Object> override) {
    if (override == null || !(caller instanceof Caller.User user)) {
      return;
    }
    for (Map.Entry<String, Object> entry : override.entrySet()) {
      String key = entry.getKey();
      boolean changes =
          stored.containsKey(key)
              ? !String.valueOf(entry.getValue()).equals(String.valueOf(stored.get(key)))
              : DESTINATION_KEYS.contains(key) && entry.getValue() != null;
      if (changes && !permissions.allowed(user.name(), "UPDATE", resource)) {
        throw PermissionDenied.forUser(
            user.name(), "UPDATE on " + resource + " (override_config." + key + ")");
      }
    }
  }
}
