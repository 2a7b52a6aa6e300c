package dev.depot.publish.export;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.tree.RelativeUrl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * What {@code export_distributor} and {@code group_export_distributor} share, whatever they export:
 * the layouts, the platform, the config check, the running export and its cancel, where an export
 * is served and its removal. Each distributor keeps only what differs: its plugin interface, how it
 * finds its sections and where it is served when the config names no {@code relative_url}.
 */
final class Exporter {
  private final String id;
  private final String displayName;
  private final List<ExportLayout> layouts;
  private final RunningExport running = new RunningExport();
  private Platform platform;

  /**
   * @throws IllegalStateException when there is no layout, or two layouts are of one type
   */
  Exporter(String id, String displayName, List<ExportLayout> layouts) {
    this.id = id;
    this.displayName = displayName;
    this.layouts = ExportLayouts.checked(layouts);
  }

  void init(Platform platform) {
    this.platform = platform;
  }

  PluginMetadata metadata() {
    return new PluginMetadata(
        id, displayName, layouts.stream().flatMap(l -> l.types().stream()).toList());
  }

  /**
   * Checks the merged config again (overrides are not validated when queued, as in Pulp), then runs
   * the export {@code job} builds; an invalid config fails the publish naming its keys.
   */
  PublishReport publish(PluginCallConfiguration config, Function<Exporter, ExportJob> job) {
    Objects.requireNonNull(platform, "init(Platform) must be called before publishing");
    ValidationResult valid = ExportConfig.validate(config, metadata().types());
    if (valid instanceof ValidationResult.Invalid invalid) {
      return PublishReport.failure(invalid.message(), Map.of("fields", invalid.fields()));
    }
    return running.run(job.apply(this));
  }

  void cancel() {
    running.cancel();
  }

  Platform platform() {
    return platform;
  }

  List<ExportLayout> layouts() {
    return layouts;
  }

  /**
   * Where a config makes the export served: {@code exports/<relative_url>} below {@code /pulp/},
   * whichever protocols it is served over (switching one on later must not find the path taken). A
   * config with {@code export_dir} writes there and serves nothing. Claims nothing for a bad {@code
   * relative_url}, which {@link ExportConfig#validate} refuses naming it.
   */
  List<ServedPath> servedPaths(PluginCallConfiguration config, String defaultUrl) {
    if (config.getString("export_dir").isPresent()) {
      return List.of();
    }
    try {
      RelativeUrl url = url(config, defaultUrl);
      return List.of(
          new ServedPath(
              "relative_url",
              ExportJob.PREFIX + "/" + url,
              config.getString("relative_url").orElse(url.toString())));
    } catch (IllegalArgumentException e) {
      return List.of();
    }
  }

  /** Removes what one distributor of {@code ownerId} (a repository or a group) published. */
  void unpublish(
      PluginCallConfiguration config, String defaultUrl, String ownerId, String distributorId) {
    try {
      ExportJob.unpublish(
          platform, url(config, defaultUrl), platform.masterDir(id, ownerId, distributorId));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The config's {@code relative_url}, or {@code defaultUrl}. */
  static RelativeUrl url(PluginCallConfiguration config, String defaultUrl) {
    return RelativeUrl.parse(config.getString("relative_url").orElse(defaultUrl));
  }
}
