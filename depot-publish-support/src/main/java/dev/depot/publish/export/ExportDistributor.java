package dev.depot.publish.export;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.tree.RelativeUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

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
 * its types are those of the layouts found (see {@link ExportLayout}).
 */
public final class ExportDistributor implements Distributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "export_distributor";

  private final List<ExportLayout> layouts;
  private Platform platform;
  private final RunningExport running = new RunningExport();

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
    this.layouts = ExportLayouts.checked(layouts);
  }

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(
        ID, "Export Distributor", layouts.stream().map(ExportLayout::type).toList());
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    return ExportConfig.validate(config);
  }

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    ValidationResult valid = ExportConfig.validate(config);
    if (valid instanceof ValidationResult.Invalid invalid) {
      // Overrides are not validated when queued: check the merged config again, as Pulp does.
      return PublishReport.failure(invalid.message(), Map.of("fields", invalid.fields()));
    }
    return running.run(ExportJob.ofRepository(platform, layouts, repo, conduit, config));
  }

  @Override
  public void cancelPublishRepo() {
    running.cancel();
  }

  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    try {
      ExportJob.unpublish(
          platform,
          RelativeUrl.parse(config.getString("relative_url").orElse(repo.id())),
          platform.masterDir(ID, repo.id(), distributorId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
