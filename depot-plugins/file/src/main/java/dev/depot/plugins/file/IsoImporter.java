package dev.depot.plugins.file;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.cancel.Cancellation;
import dev.depot.publish.feed.FeedKeys;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Pulp's {@code iso_importer}: syncs a repository from a feed directory holding a {@code
 * PULP_MANIFEST}, and takes uploads of single files. Every setting is checked when it is
 * configured; see {@link IsoSync} for the sync itself.
 */
public final class IsoImporter implements Importer {
  private final Cancellation cancellation = new Cancellation();

  /** The importer type id, as in Pulp. */
  public static final String ID = "iso_importer";

  /** The shared feed keys, the mirror switch under the name Pulp's iso_importer gave it. */
  static final FeedKeys KEYS = FeedKeys.standard().removeMissingAs("remove_missing_units");

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "ISO Importer", List.of(FileContentTypes.ISO));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    return KEYS.validate(config);
  }

  @Override
  public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    IsoSync sync = new IsoSync(repo, conduit, config);
    return cancellation.run(sync::cancel, sync::run, () -> SyncReport.canceled("cancelled", null));
  }

  @Override
  public void cancelSyncRepo() {
    cancellation.cancel();
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
    return IsoUpload.importFile(typeId, unitKey, file, conduit);
  }
}
