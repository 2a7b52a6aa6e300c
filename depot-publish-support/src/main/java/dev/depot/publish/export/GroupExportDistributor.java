package dev.depot.publish.export;

import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import java.util.List;

/**
 * Pulp's {@code group_export_distributor}, for every content type with an installed {@link
 * ExportLayout}: packs every member repository of a group into one set of ISO images, each
 * repository under its own {@code <repo_id>/} directory with its own metadata files. Takes the
 * {@code export_distributor}'s config keys; published at {@code
 * /pulp/exports/repo_group/<group_id>/} unless {@code relative_url} says otherwise, or written as a
 * plain tree to {@code export_dir}. Registered once for all types, as {@link ExportDistributor} is,
 * for the same reason. Each member's part holds only the metadata of the types that member holds.
 */
public final class GroupExportDistributor extends ExportPlugin implements GroupDistributor {
  /** The group distributor type id, as in Pulp. */
  public static final String ID = "group_export_distributor";

  /** The group export distributor of every installed layout, as the plugin registry makes it. */
  public GroupExportDistributor() {
    this(ExportLayouts.installed());
  }

  /**
   * The group export distributor of the given layouts, one per type.
   *
   * @throws IllegalStateException when there is none, or two layouts are of one type
   */
  public GroupExportDistributor(List<ExportLayout> layouts) {
    super(ID, "Group Export Distributor", layouts);
  }

  @Override
  public ValidationResult validateConfig(RepositoryGroup group, PluginCallConfiguration config) {
    return ExportConfig.validate(config, exporter.metadata().types());
  }

  /** Where a group's export is served when the config names no {@code relative_url}. */
  static String defaultUrl(RepositoryGroup group) {
    return "repo_group/" + group.id();
  }

  /** {@code exports/<relative_url>}, {@code repo_group/<group_id>} by default. */
  @Override
  public List<ServedPath> servedPaths(RepositoryGroup group, PluginCallConfiguration config) {
    return exporter.servedPaths(config, defaultUrl(group));
  }

  @Override
  public PublishReport publishGroup(
      RepositoryGroup group, GroupPublishConduit conduit, PluginCallConfiguration config) {
    return exporter.publish(config, e -> ExportJob.ofGroup(e, group, conduit, config));
  }

  @Override
  public void cancelPublishGroup() {
    exporter.cancel();
  }

  @Override
  public void distributorRemoved(
      RepositoryGroup group, String distributorId, PluginCallConfiguration config) {
    exporter.unpublish(config, defaultUrl(group), group.id(), distributorId);
  }
}
