package dev.depot.server.repo;

import dev.depot.server.db.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pulp 2's JSON shapes of repositories, importers and distributors. */
public final class RepositoryJson {
  /** The API's root path. */
  public static final String API = "/pulp/api/v2/";

  private static final String MASK = "*****";

  private RepositoryJson() {}

  public static Map<String, Object> oid(String oid) {
    return Map.of("$oid", oid);
  }

  public static Map<String, Object> repository(RepositoryRecord repo, Map<String, Long> counts) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", repo.id());
    json.put("_id", oid(repo.oid()));
    json.put("display_name", repo.displayName());
    json.put("description", repo.description());
    json.put("notes", repo.notes());
    json.put("scratchpad", repo.scratchpad());
    json.put("content_unit_counts", counts);
    json.put("last_unit_added", Timestamps.format(repo.lastUnitAdded()));
    json.put("last_unit_removed", Timestamps.format(repo.lastUnitRemoved()));
    // Depot's own: the repository's versions (GET .../versions/ lists them).
    json.put("latest_version", repo.latestVersion());
    json.put("retain_versions", repo.retainVersions());
    json.put("_ns", "repos");
    json.put("_href", API + "repositories/" + repo.id() + "/");
    return json;
  }

  public static Map<String, Object> importer(ImporterRecord importer) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", importer.typeId());
    json.put("_id", oid(importer.oid()));
    json.put("repo_id", importer.repoId());
    json.put("importer_type_id", importer.typeId());
    json.put("config", masked(importer.config()));
    json.put("scratchpad", importer.scratchpad());
    json.put("last_sync", Timestamps.format(importer.lastSync()));
    json.put("last_updated", Timestamps.format(importer.lastUpdated()));
    json.put("last_override_config", Map.of());
    json.put("_ns", "repo_importers");
    json.put(
        "_href",
        API + "repositories/" + importer.repoId() + "/importers/" + importer.typeId() + "/");
    return json;
  }

  public static Map<String, Object> distributor(DistributorRecord d) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", d.id());
    json.put("_id", oid(d.oid()));
    json.put("repo_id", d.repoId());
    json.put("distributor_type_id", d.typeId());
    json.put("config", masked(d.config()));
    json.put("auto_publish", d.autoPublish());
    json.put("last_publish", Timestamps.format(d.lastPublish()));
    json.put("last_updated", Timestamps.format(d.lastUpdated()));
    json.put("last_override_config", Map.of());
    json.put("scratchpad", d.scratchpad());
    // A Depot extension: where the last successful publish can be reached, null if never known.
    json.put("published_locations", PublishedLocations.toJson(d.published()));
    json.put("_ns", "repo_distributors");
    json.put("_href", API + "repositories/" + d.repoId() + "/distributors/" + d.id() + "/");
    return json;
  }

  /**
   * Secrets never leave the server: passwords, private keys and the paths of key files (rsync's
   * {@code remote.ssh_identity_file}) show as {@code *****}, at any depth, as Pulp masks passwords.
   */
  public static Map<String, Object> masked(Map<String, Object> config) {
    Map<String, Object> copy = new LinkedHashMap<>(config);
    copy.replaceAll((key, value) -> isSecret(key) && value != null ? MASK : maskedValue(value));
    return copy;
  }

  /** A value with the secrets of the maps in it masked, lists of maps included. */
  private static Object maskedValue(Object value) {
    return switch (value) {
      case Map<?, ?> nested -> masked(stringKeys(nested));
      case List<?> list -> list.stream().map(RepositoryJson::maskedValue).toList();
      case null, default -> value;
    };
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), value));
    return copy;
  }

  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return k.contains("password")
        || k.endsWith("_key")
        || k.contains("secret")
        || k.endsWith("identity_file");
  }
}
