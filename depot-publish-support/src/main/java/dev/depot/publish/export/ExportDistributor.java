package dev.depot.publish.export;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import java.util.List;

/**
 * Pulp's {@code export_distributor}, for every content type with an installed {@link ExportLayout}:
 * packs the repository (or the units added in a {@code start_date}/{@code end_date} window) into
 * ISO 9660 images of at most {@code iso_size} MB, each with its {@code .DIGESTS}, published
 * atomically under {@code /pulp/exports/<relative_url>/}; or, with {@code export_dir}, writes the
 * plain tree there. Types listed in {@code skip} are left out.
 *
 * <p>Why one distributor finding layouts rather than one per type: Pulp has a single {@code
 * export_distributor} id (a repository of any type adds it by that id), and distributor ids are
 * unique across plugins. So the class lives here, each plugin with a layout names it in its {@code
 * META-INF/services/dev.depot.plugin.Distributor} (loaded once however many plugins name it), and
 * its types are those of the layouts found (see {@link ExportLayout}). Each export runs only the
 * layouts of the types the repository holds.
 */
public final class ExportDistributor extends ExportPlugin implements Distributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "export_distributor";

  /** The export distributor of every installed layout, as the plugin registry makes it. */
  public ExportDistributor() {
    this(ExportLayouts.installed());
  }

  /**
   * The export distributor of the given layouts, one per type.
   *
   * @throws IllegalStateException when there is none, or two layouts are of one type
   */
  public ExportDistributor(List<ExportLayout> layouts) {
    super(ID, "Export Distributor", layouts);
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    return ExportConfig.validate(config, exporter.metadata().types());
  }

  /**
   * {@code exports/<relative_url>}, the repository id by default; nothing with {@code export_dir}.
   */
  @Override
  public List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
    return exporter.servedPaths(config, repo.id());
  }

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    return exporter.publish(config, e -> ExportJob.ofRepository(e, repo, conduit, config));
  }

  @Override
  public void cancelPublishRepo() {
    exporter.cancel();
  }

  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    exporter.unpublish(config, repo.id(), repo.id(), distributorId);
  }
}
