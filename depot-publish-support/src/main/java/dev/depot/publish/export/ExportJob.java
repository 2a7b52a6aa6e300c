package dev.depot.publish.export;

import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.ProgressReporter;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.export.ExportLayout.ExportFile;
import dev.depot.publish.export.ExportLayout.MetadataWriter;
import dev.depot.publish.tree.RelativeUrl;
import dev.depot.publish.tree.TreePaths;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One export: of one repository ({@code export_distributor}) or of every member of a repository
 * group ({@code group_export_distributor}), each member in its own {@link ExportSection}, each of
 * its types laid out by that type's {@link ExportLayout}. Written as images ({@link ImageExport})
 * or, with {@code export_dir}, as a plain tree ({@link TreeExport}). Units are streamed, never
 * held: memory holds one image's file list, never a repository.
 */
final class ExportJob {
  /** Where exports are served below each protocol root: {@code /pulp/exports/...}. */
  static final String PREFIX = "exports";

  /** What is done with each exported file while the metadata is written. */
  interface FileVisitor {
    void visit(ExportFile file) throws IOException;
  }

  final Platform platform;
  final Path workingDir;
  final Path masterDir;
  final String name;
  final String defaultUrl;
  final List<ExportSection> sections;
  final PluginCallConfiguration config;
  final Map<String, Object> progress = new LinkedHashMap<>();
  private final ProgressReporter reporter;
  private volatile boolean cancelled;

  /**
   * @param workingDir the task's scratch directory
   * @param masterDir where this distributor builds its image trees
   * @param name the default {@code iso_prefix}
   * @param defaultUrl the {@code relative_url} when the config gives none
   */
  private ExportJob(
      Platform platform,
      Path workingDir,
      Path masterDir,
      String name,
      String defaultUrl,
      List<ExportSection> sections,
      ProgressReporter reporter,
      PluginCallConfiguration config) {
    this.platform = platform;
    this.workingDir = workingDir;
    this.masterDir = masterDir;
    this.name = name;
    this.defaultUrl = defaultUrl;
    this.sections = List.copyOf(sections);
    this.reporter = reporter;
    this.config = config;
  }

  /** The export of one repository, laid out at the export's root. */
  static ExportJob ofRepository(
      Exporter exporter, Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    Platform platform = exporter.platform();
    return new ExportJob(
        platform,
        repo.workingDirectory().orElseThrow(),
        platform.masterDir(ExportDistributor.ID, repo.id(), conduit.distributorId()),
        repo.id(),
        repo.id(),
        List.of(ExportSection.of("", conduit, exporter.layouts())),
        conduit,
        config);
  }

  /** The export of a repository group: each member under {@code <repo_id>/}. */
  static ExportJob ofGroup(
      Exporter exporter,
      RepositoryGroup group,
      GroupPublishConduit conduit,
      PluginCallConfiguration config) {
    List<ExportSection> sections = new ArrayList<>();
    for (Repository member : conduit.members()) {
      sections.add(ExportSection.of(member.id(), conduit.units(member.id()), exporter.layouts()));
    }
    Platform platform = exporter.platform();
    return new ExportJob(
        platform,
        group.workingDirectory().orElseThrow(),
        platform.masterDir(GroupExportDistributor.ID, group.id(), conduit.distributorId()),
        group.id(),
        GroupExportDistributor.defaultUrl(group),
        sections,
        conduit,
        config);
  }

  void cancel() {
    cancelled = true;
  }

  boolean cancelled() {
    return cancelled;
  }

  PublishReport run() throws IOException {
    progress.put("state", "in_progress");
    progress.put("images_written", 0);
    progress.put("bytes_written", 0L);
    try {
      if (config.getString("export_dir").isPresent()) {
        return TreeExport.run(this, Path.of(config.getString("export_dir").get()));
      }
      return ImageExport.run(this);
    } catch (CancellationException e) {
      progress.put("state", "cancelled");
      report();
      return PublishReport.canceled(Map.copyOf(progress), Map.copyOf(progress));
    }
  }

  /** Sends the progress so far. */
  void report() {
    reporter.setProgress(new LinkedHashMap<>(progress));
  }

  /** The export finished: its final report, naming where it can be reached. */
  PublishReport complete(List<PublishedLocation> where) {
    progress.put("state", "complete");
    report();
    return PublishReport.success(Map.copyOf(progress), Map.copyOf(progress)).publishedAt(where);
  }

  /**
   * Streams one section's units, type by type, handing each exported file to {@code visitor} and
   * each unit to its type's metadata writer; answers the metadata files written, by their path
   * relative to the section.
   */
  Map<String, Path> exportSection(ExportSection section, FileVisitor visitor) throws IOException {
    Map<String, Path> metadata = new LinkedHashMap<>();
    for (ExportLayout layout : section.layouts()) {
      for (Map.Entry<String, Path> file : exportType(section, layout, visitor).entrySet()) {
        if (metadata.putIfAbsent(file.getKey(), file.getValue()) != null) {
          throw new IllegalStateException(
              "two export layouts write "
                  + section.path(file.getKey())
                  + "; each type needs its own");
        }
      }
    }
    return metadata;
  }

  private Map<String, Path> exportType(
      ExportSection section, ExportLayout layout, FileVisitor visitor) throws IOException {
    Path dir = Files.createTempDirectory(Files.createDirectories(workingDir), "metadata-");
    Map<String, Path> written = new LinkedHashMap<>();
    try (MetadataWriter writer = layout.metadata(dir);
        Stream<Unit> units = units(section, layout)) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        checkCancelled();
        List<ExportFile> files = layout.files(unit);
        for (ExportFile file : files) {
          visitor.visit(file);
        }
        writer.add(unit, files);
      }
      for (String file : writer.finish()) {
        written.put(file, TreePaths.resolveInside(dir, file));
      }
    }
    return written;
  }

  /**
   * A layout's units of a section in the export's date window, type by type; none of a type that is
   * skipped.
   */
  Stream<Unit> units(ExportSection section, ExportLayout layout) {
    Set<String> skip = ExportConfig.skipped(config);
    List<String> types = layout.types().stream().filter(t -> !skip.contains(t)).toList();
    return types.isEmpty() ? Stream.empty() : section.units().units(criteria(types));
  }

  private UnitCriteria criteria(List<String> types) {
    Map<String, Object> window = new LinkedHashMap<>();
    config.getString("start_date").ifPresent(d -> window.put("$gte", Map.of("$date", iso(d))));
    config.getString("end_date").ifPresent(d -> window.put("$lte", Map.of("$date", iso(d))));
    UnitCriteria all = UnitCriteria.ofTypes(types.toArray(String[]::new));
    return window.isEmpty() ? all : all.withAssociationFilters(Map.of("created", window));
  }

  /** Criteria dates are date-times; a bare date means its midnight, UTC. */
  private static String iso(String date) {
    return date.length() == 10 ? date + "T00:00:00Z" : date;
  }

  void checkCancelled() {
    if (cancelled || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("export cancelled");
    }
  }

  /** Where this export is served: the config's {@code relative_url} or the default. */
  RelativeUrl url() {
    return Exporter.url(config, defaultUrl);
  }

  /** Removes the published export of one distributor, published at {@code url}. */
  static void unpublish(Platform platform, RelativeUrl url, Path masterDir) throws IOException {
    for (String protocol : List.of("http", "https")) {
      Path root = platform.servedRoot(protocol);
      TreePublisher.unpublish(root, root.resolve(PREFIX).resolve(url.path()));
    }
    TreePublisher.deleteAll(masterDir);
  }
}
