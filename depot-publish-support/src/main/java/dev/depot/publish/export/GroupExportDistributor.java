package dev.depot.publish.export;

import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.tree.RelativeUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Pulp's {@code group_export_distributor}, for every content type with an installed {@link
 * ExportLayout}: packs every member repository of a group into one set of ISO images, each
 * repository under its own {@code <repo_id>/} directory with its own metadata files. Takes the
 * {@code export_distributor}'s config keys; published at {@code
 * /pulp/exports/repo_group/<group_id>/} unless {@code relative_url} says otherwise, or written as a
 * plain tree to {@code export_dir}. Registered once for all types, as {@link ExportDistributor} is,
 * for the same reason.
 */
public final class GroupExportDistributor implements GroupDistributor {
  /** The group distributor type id, as in Pulp. */
  public static final String ID = "group_export_distributor";

  private final List<ExportLayout> layouts;
  private Platform platform;
  private final RunningExport running = new RunningExport();

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
    this.layouts = ExportLayouts.checked(layouts);
  }

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(
        ID, "Group Export Distributor", layouts.stream().map(ExportLayout::type).toList());
  }

  @Override
  public ValidationResult validateConfig(RepositoryGroup group, PluginCallConfiguration config) {
    return ExportConfig.validate(config);
  }

  /** Where a group's export is served when the config names no {@code relative_url}. */
  static String defaultUrl(RepositoryGroup group) {
    return "repo_group/" + group.id();
  }

  @Override
  public PublishReport publishGroup(
      RepositoryGroup group, GroupPublishConduit conduit, PluginCallConfiguration config) {
    ValidationResult valid = ExportConfig.validate(config);
    if (valid instanceof ValidationResult.Invalid invalid) {
      // Overrides are not validated when queued: check the merged config again, as Pulp does.
      return PublishReport.failure(invalid.message(), Map.of("fields", invalid.fields()));
    }
    return running.run(ExportJob.ofGroup(platform, layouts, group, conduit, config));
  }

  @Override
  public void cancelPublishGroup() {
    running.cancel();
  }

  @Override
  public void distributorRemoved(
      RepositoryGroup group, String distributorId, PluginCallConfiguration config) {
    try {
      ExportJob.unpublish(
          platform,
          RelativeUrl.parse(config.getString("relative_url").orElse(defaultUrl(group))),
          platform.masterDir(ID, group.id(), distributorId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
