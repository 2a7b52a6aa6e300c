package dev.depot.plugins.rpm;

import dev.depot.plugin.ImportConduit;
import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.feed.FeedKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code yum_importer}: takes {@code rpm} and {@code srpm} packages by upload, each unit's key read
 * from the package's own headers. It accepts the feed keys every remote-fed type shares (and
 * refuses any other, naming it), but <b>sync from a yum repository is not built yet</b>: a sync
 * fails saying so, and nothing is fetched.
 */
public final class YumImporter implements Importer {
  /** The importer type id, as in Pulp. */
  public static final String ID = "yum_importer";

  private static final FeedKeys KEYS = FeedKeys.standard();

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Yum Importer", List.of(RpmTypes.RPM, RpmTypes.SRPM));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    return KEYS.validate(config);
  }

  /** Fails: sync is a later slice, and an honest failure beats a sync that fetches nothing. */
  @Override
  public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    return SyncReport.failure(
        "sync from a yum repository is not built yet", Map.of("state", "failed"), null);
  }

  /**
   * Copies as the default does, or with Pulp's {@code recursive} / {@code recursive_conservative}
   * override also the packages the copied ones depend on ({@link RecursiveCopy}).
   */
  @Override
  public long importUnits(
      Repository source,
      Repository destination,
      ImportConduit conduit,
      PluginCallConfiguration config,
      Stream<Unit> units) {
    if (!RecursiveCopy.wanted(config)) {
      return Importer.super.importUnits(source, destination, conduit, config, units);
    }
    return RecursiveCopy.run(conduit, config, units);
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
    return RpmUpload.importFile(typeId, unitKey, file, conduit);
  }
}
