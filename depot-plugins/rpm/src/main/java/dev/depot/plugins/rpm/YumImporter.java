package dev.depot.plugins.rpm;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.feed.FeedImporter;
import dev.depot.publish.feed.FeedKeys;
import dev.depot.publish.feed.FeedSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code yum_importer}: takes {@code rpm} and {@code srpm} packages by upload (each unit's key read
 * from the package's own headers), errata and comps as JSON, and syncs a yum repository ({@link
 * YumSync}): {@code feed} is the repository's top directory (http, https or file), read through
 * {@code repodata/repomd.xml} (or a mirror its mirrorlist or metalink names: {@link FeedMirrors});
 * its primary brings the packages, its updateinfo, modules and comps the errata, modules and groups
 * ({@link RepomdTypes} says which kind goes to which step), other metadata comes as {@code
 * yum_repo_metadata_file} units ({@link RepoMetadataFiles}) and a {@code .treeinfo} as a {@code
 * distribution} ({@link DistributionSync}). Uploads take modules.yaml and metadata files too.
 * Besides Pulp's {@code skip} (content types to leave out; {@code type_skip_list}, Pulp's stored
 * name, is taken too) it takes the keys every remote-fed type shares ({@code remove_missing},
 * {@code num_threads} or {@code max_downloads}, TLS, proxy, basic auth, {@code validate}, ...) and
 * Pulp's {@code retain_old_count} ({@link RetainOld}), {@code require_signature} and {@code
 * allowed_keys} ({@link SignaturePolicy}), and refuses any other, naming it. Not synced yet: delta
 * RPMs.
 */
public final class YumImporter extends FeedImporter {
  /** The importer type id, as in Pulp. */
  public static final String ID = "yum_importer";

  private static final FeedKeys KEYS =
      FeedKeys.standard()
          .withExtraKeys(
              SkipTypes.KEY,
              SkipTypes.PULP_KEY,
              RetainOld.KEY,
              SignaturePolicy.REQUIRE,
              SignaturePolicy.ALLOWED);

  /** As the plugin registry makes it. */
  public YumImporter() {
    super(KEYS);
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Yum Importer", RpmTypes.ALL);
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    ConfigCheck check = new ConfigCheck(config);
    KEYS.check(check);
    SkipTypes.check(check);
    RetainOld.check(check);
    SignaturePolicy.check(check);
    return check.result();
  }

  @Override
  protected Sync newSync(
      Repository repo, SyncConduit conduit, FeedSettings feed, PluginCallConfiguration config) {
    return new YumSync(
        repo,
        conduit,
        feed,
        SkipTypes.of(config),
        RetainOld.of(config),
        SignaturePolicy.of(config));
  }

  /** Never called: the sync needs {@code skip}, which the four-argument one reads. */
  @Override
  protected Sync newSync(Repository repo, SyncConduit conduit, FeedSettings feed) {
    return newSync(repo, conduit, feed, PluginCallConfiguration.of(Map.of()));
  }

  /**
   * Copies the chosen units, with what copied errata and groups bring and, with Pulp's {@code
   * recursive} / {@code recursive_conservative} override, the packages the copied ones depend on
   * ({@link RecursiveCopy}).
   */
  @Override
  public long importUnits(
      Repository source,
      Repository destination,
      ImportConduit conduit,
      PluginCallConfiguration config,
      Stream<Unit> units) {
    return RecursiveCopy.run(
        conduit, config, units, unit -> CompsCopy.ownedBy(destination, unit, conduit));
  }

  @Override
  public UploadReport uploadUnit(
      Repository repo,
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      Path file,
      UploadConduit conduit,
      PluginCallConfiguration config) {
    if (RpmTypes.REPO_METADATA_FILE.equals(typeId)) {
      return MetadataFileUpload.importFile(unitKey, metadata, file, conduit);
    }
    if (ModulesUpload.takes(typeId)) {
      return ModulesUpload.importFile(repo, typeId, file, conduit);
    }
    if (MetadataUpload.takes(typeId)) {
      return MetadataUpload.importUnit(repo, typeId, unitKey, metadata, file, conduit);
    }
    return RpmUpload.importFile(typeId, unitKey, file, conduit, SignaturePolicy.of(config));
  }
}
