package dev.depot.publish.export;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginMetadata;
import java.util.List;

/**
 * The plugin surface {@link ExportDistributor} and {@link GroupExportDistributor} have in common,
 * written once: both are an {@link Exporter} of the installed layouts under their own Pulp id. What
 * differs is their plugin interface (a repository's distributor or a group's), which is why this is
 * a base class and not the distributor itself.
 */
abstract sealed class ExportPlugin permits ExportDistributor, GroupExportDistributor {
  final Exporter exporter;

  /**
   * @throws IllegalStateException when there is no layout, or two layouts are of one type
   */
  ExportPlugin(String id, String displayName, List<ExportLayout> layouts) {
    this.exporter = new Exporter(id, displayName, layouts);
  }

  /** Keeps the server's publish roots for the exports to come. */
  public void init(Platform platform) {
    exporter.init(platform);
  }

  /** The Pulp id, and the types of the installed layouts. */
  public PluginMetadata metadata() {
    return exporter.metadata();
  }
}
