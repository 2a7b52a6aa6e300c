package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.config.TextList;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.ServedTreeDistributor;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code yum_distributor}: publishes a repository as a yum repository dnf and yum read, at {@code
 * /pulp/repos/<relative_url>/} as Pulp did. Its keys are Pulp's: {@code relative_url} (required),
 * {@code http} (off unless true) and {@code https} (on unless false), {@code checksum_type} only as
 * {@code sha256}, {@code skip} (types left out of the publish), {@code force_full} (build the tree
 * anew instead of from the one before), {@code gpgkey} (the public key signing the packages, handed
 * to consumers) and {@code remove_old_repodata} / {@code remove_old_repodata_threshold} ({@link
 * OldRepodata}). Pulp's other keys ({@code generate_sqlite}, ...) are refused saying they are not
 * supported yet, rather than accepted and ignored (the switches whose false Depot does anyway are
 * taken false); any other key is refused as unknown.
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
          "generate_sqlite",
          "use_createrepo",
          "skip_pkg_tags",
          "repoview",
          "updateinfo_checksum_type",
          "http_publish_dir",
          "https_publish_dir",
          "protected");

  /** Pulp's key naming the content types a publish leaves out. */
  static final String SKIP = "skip";

  /** Pulp's key holding the ASCII-armored public key consumers check the packages with. */
  static final String GPGKEY = "gpgkey";

  /** Builds the tree anew rather than from the one published before. */
  static final String FORCE_FULL = "force_full";

  /**
   * What {@code skip} may name: the types Depot publishes, and Pulp's yum types it does not hold
   * yet (skipping those changes nothing), so a configuration written for Pulp is taken.
   */
  static final Set<String> SKIPPABLE =
      Set.of(
          RpmTypes.RPM,
          RpmTypes.SRPM,
          RpmTypes.ERRATUM,
          RpmTypes.GROUP,
          RpmTypes.CATEGORY,
          RpmTypes.ENVIRONMENT,
          RpmTypes.LANGPACKS,
          RpmTypes.MODULEMD,
          RpmTypes.MODULEMD_DEFAULTS,
          "drpm",
          "distribution",
          "yum_repo_metadata_file");

  /** As the plugin registry makes it. */
  public YumDistributor() {
    super(SERVED, keys());
  }

  private static String[] keys() {
    List<String> own = new java.util.ArrayList<>(NOT_YET);
    own.addAll(
        List.of(
            CHECKSUM_TYPE, SKIP, GPGKEY, FORCE_FULL, OldRepodata.REMOVE, OldRepodata.THRESHOLD));
    return own.toArray(String[]::new);
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Yum Distributor", RpmTypes.ALL);
  }

  /**
   * Pulp's switches among {@link #NOT_YET} whose {@code false} is what Depot does anyway (and
   * Pulp's default): a configuration written for Pulp that sets them false is taken; true is
   * refused.
   */
  static final Set<String> OFF_IS_DEPOTS =
      Set.of("generate_sqlite", "use_createrepo", "repoview", "protected");

  /** Pulp's keys Depot refuses whatever their value; those whose false it takes are known. */
  @Override
  protected Set<String> keysNotSupportedYet() {
    Set<String> refused = new java.util.HashSet<>(NOT_YET);
    refused.removeAll(OFF_IS_DEPOTS);
    return refused;
  }

  @Override
  protected void checkOwnKeys(ConfigCheck check, Repository repo) {
    for (String key : NOT_YET) {
      if (!check.has(key)) {
        continue;
      }
      if (OFF_IS_DEPOTS.contains(key)) {
        try {
          if (check.config().getBoolean(key).orElse(false)) {
            check.problem(key, key + " true is not supported yet by Depot's " + ID);
          }
        } catch (dev.depot.plugin.ConfigValueException e) {
          check.problem(key, e.getMessage());
        }
      } else {
        check.problem(key, key + " is not supported yet by Depot's " + ID);
      }
    }
    check.bool(FORCE_FULL);
    OldRepodata.check(check);
    checkSkip(check);
    GpgKey.check(check, GPGKEY);
    checkChecksumType(check);
  }

  /** The checksum types Pulp's yum_distributor takes ({@code sha} being its name for sha1). */
  static final List<String> PULP_CHECKSUM_TYPES =
      List.of("md5", "sha1", "sha", "sha224", "sha256", "sha384", "sha512");

  /**
   * Only sha256 is written; Pulp's other types are refused as not supported yet, and anything else
   * (a typo such as {@code sha-256}) as no checksum type at all, so nobody waits for it to be
   * built.
   */
  private static void checkChecksumType(ConfigCheck check) {
    if (!check.has(CHECKSUM_TYPE)) {
      return;
    }
    String type = check.string(CHECKSUM_TYPE);
    if (type == null || type.equals("sha256")) {
      return;
    }
    String message =
        PULP_CHECKSUM_TYPES.contains(type)
            ? " is not supported yet: metadata is written with sha256"
            : " is not a checksum type; Pulp's are "
                + String.join(", ", PULP_CHECKSUM_TYPES)
                + ", and Depot writes sha256";
    check.problem(CHECKSUM_TYPE, CHECKSUM_TYPE + " " + type + message);
  }

  /**
   * A list of type ids, or comma-separated text as the importer's {@code skip} takes it: {@code
   * --option skip=srpm} must mean the same on both sides of a repository.
   */
  private static void checkSkip(ConfigCheck check) {
    Set<String> types;
    try {
      types = skipped(check.config());
    } catch (IllegalArgumentException e) {
      check.problem(SKIP, SKIP + " must be a list of content type ids, e.g. [\"erratum\"]");
      return;
    }
    List<String> unknown = types.stream().filter(t -> !SKIPPABLE.contains(t)).toList();
    if (!unknown.isEmpty()) {
      check.problem(
          SKIP,
          SKIP
              + " names types a yum repository does not have: "
              + String.join(", ", unknown)
              + "; known: "
              + String.join(", ", new TreeSet<>(SKIPPABLE)));
    }
  }

  /** The types {@code skip} names in this publish's config. */
  static Set<String> skipped(PluginCallConfiguration config) {
    return TextList.of(config.get(SKIP).orElse(null), "content type ids");
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
    // Pulp's: the key under the name its consumer handler stores it by.
    String key = config.get(GPGKEY).map(String::valueOf).orElse(null);
    payload.put("gpg_keys", key == null ? Map.of() : Map.of("pulp.key", key));
    return payload;
  }
}
