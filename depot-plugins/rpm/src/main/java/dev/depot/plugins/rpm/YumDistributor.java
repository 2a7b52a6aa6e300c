package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.ServedTreeDistributor;
import java.util.List;
import java.util.Map;

/**
 * {@code yum_distributor}: publishes a repository as a yum repository dnf and yum read, at {@code
 * /pulp/repos/<relative_url>/} as Pulp did. Its keys are Pulp's: {@code relative_url} (required),
 * {@code http} (off unless true) and {@code https} (on unless false), and {@code checksum_type}
 * only as {@code sha256}. Pulp's other keys ({@code generate_sqlite}, {@code gpgkey}, ...) are
 * refused saying they are not supported yet, rather than accepted and ignored; any other key is
 * refused as unknown.
 */
public final class YumDistributor extends ServedTreeDistributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "yum_distributor";

  /** The one checksum type the metadata is written with; Pulp's key for choosing it. */
  static final String CHECKSUM_TYPE = "checksum_type";

  /** Where yum trees are served: {@code /pulp/repos/<relative_url>/}, HTTPS by default. */
  static final ServedTree SERVED =
      new ServedTree(ID, "repos").protocolKeys("http", "https").relativeUrlRequired();

  /** Pulp's yum_distributor keys that Depot does not implement yet: refused, named. */
  static final List<String> NOT_YET =
      List.of(
          "auth_ca",
          "auth_cert",
          "https_ca",
          "gpgkey",
          "generate_sqlite",
          "use_createrepo",
          "skip",
          "skip_pkg_tags",
          "repoview",
          "updateinfo_checksum_type",
          "http_publish_dir",
          "https_publish_dir",
          "protected",
          "force_full",
          "remove_old_repodata",
          "remove_old_repodata_threshold");

  /** As the plugin registry makes it. */
  public YumDistributor() {
    super(SERVED, keys());
  }

  private static String[] keys() {
    List<String> own = new java.util.ArrayList<>(NOT_YET);
    own.add(CHECKSUM_TYPE);
    return own.toArray(String[]::new);
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Yum Distributor", RpmTypes.ALL);
  }

  @Override
  protected void checkOwnKeys(ConfigCheck check, Repository repo) {
    for (String key : NOT_YET) {
      if (check.has(key)) {
        check.problem(key, key + " is not supported yet by Depot's " + ID);
      }
    }
    if (check.has(CHECKSUM_TYPE)) {
      String type = check.string(CHECKSUM_TYPE);
      if (type != null && !type.equals("sha256")) {
        check.problem(
            CHECKSUM_TYPE,
            CHECKSUM_TYPE + " " + type + " is not supported yet: metadata is written with sha256");
      }
    }
  }

  @Override
  protected Publish newPublish(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    return new YumPublish(SERVED, platform(), repo, conduit, config);
  }

  /**
   * Pulp's payload: {@code relative_path}, {@code protocols}, {@code urls} and {@code ca_cert},
   * plus {@code repo_name} (the repository's display name) for the consumer's {@code .repo} file.
   */
  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    Map<String, Object> payload = super.createConsumerPayload(repo, config, bindingConfig);
    payload.put("repo_name", repo.displayName() == null ? repo.id() : repo.displayName());
    payload.put("gpg_keys", Map.of());
    return payload;
  }
}
