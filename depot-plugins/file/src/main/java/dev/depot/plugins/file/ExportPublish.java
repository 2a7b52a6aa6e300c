package dev.depot.plugins.file;

import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.ProgressReporter;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.iso.Digests;
import dev.depot.publish.iso.IsoEntry;
import dev.depot.publish.iso.IsoImage;
import dev.depot.publish.iso.IsoPlanner;
import dev.depot.publish.tree.RelativeUrl;
import dev.depot.publish.tree.RootedFiles;
import dev.depot.publish.tree.TreePaths;
import dev.depot.publish.tree.TreePublisher;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.Stream;

/**
 * One export of {@code iso} units: of one repository ({@code export_distributor}) or of every
 * member of a repository group ({@code group_export_distributor}), each member in its own {@link
 * ExportSection}. Every image carries the whole export's manifests (one {@code PULP_MANIFEST} per
 * section, beside the section's files), so the images extracted into one directory make an {@code
 * iso_importer} feed per section; with {@code manifest: true} a {@code PULP_MANIFEST} of the images
 * themselves sits beside them, so the published export directory is a feed of image files too.
 * Units are streamed twice (manifests, then images): memory holds one image's file list, never a
 * repository.
 */
final class ExportPublish {
  /** Where exports are served below each protocol root: {@code /pulp/exports/...}. */
  static final String PREFIX = "exports";

  private static final long MB = 1024 * 1024;

  /** Room kept in each image for a manifest's directory record and sector rounding. */
  private static final long MANIFEST_SLACK = 64 * 1024;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Platform platform;
  private final Path workingDir;
  private final Path masterDir;
  private final String name;
  private final String defaultUrl;
  private final List<ExportSection> sections;
  private final ProgressReporter reporter;
  private final PluginCallConfiguration config;
  private final Map<String, Object> progress = new LinkedHashMap<>();
  private volatile boolean cancelled;
  private long imageNanos;

  /**
   * @param workingDir the task's scratch directory
   * @param masterDir where this distributor builds its image trees
   * @param name the default {@code iso_prefix}
   * @param defaultUrl the {@code relative_url} when the config gives none
   */
  private ExportPublish(
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
  static ExportPublish ofRepository(
      Platform platform, Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    return new ExportPublish(
        platform,
        repo.workingDirectory().orElseThrow(),
        platform.masterDir(ExportDistributor.ID, repo.id(), conduit.distributorId()),
        repo.id(),
        repo.id(),
        List.of(new ExportSection("", conduit)),
        conduit,
        config);
  }

  /** The export of a repository group: each member under {@code <repo_id>/}. */
  static ExportPublish ofGroup(
      Platform platform,
      RepositoryGroup group,
      GroupPublishConduit conduit,
      PluginCallConfiguration config) {
    List<ExportSection> sections = new ArrayList<>();
    for (Repository member : conduit.members()) {
      sections.add(new ExportSection(member.id(), conduit.units(member.id())));
    }
    return new ExportPublish(
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

  PublishReport run() throws IOException {
    progress.put("state", "in_progress");
    progress.put("images_written", 0);
    progress.put("bytes_written", 0L);
    try {
      if (config.getString("export_dir").isPresent()) {
        return exportTree(Path.of(config.getString("export_dir").get()));
      }
      return exportImages();
    } catch (CancellationException e) {
      progress.put("state", "cancelled");
      reporter.setProgress(new LinkedHashMap<>(progress));
      return PublishReport.canceled(Map.copyOf(progress), Map.copyOf(progress));
    }
  }

  private UnitCriteria criteria() {
    Map<String, Object> window = new LinkedHashMap<>();
    config.getString("start_date").ifPresent(d -> window.put("$gte", Map.of("$date", iso(d))));
    config.getString("end_date").ifPresent(d -> window.put("$lte", Map.of("$date", iso(d))));
    UnitCriteria all = UnitCriteria.ofTypes(FileContentTypes.ISO);
    return window.isEmpty() ? all : all.withAssociationFilters(Map.of("created", window));
  }

  /** Criteria dates are date-times; a bare date means its midnight, UTC. */
  private static String iso(String date) {
    return date.length() == 10 ? date + "T00:00:00Z" : date;
  }

  private boolean skipped() {
    return config.getList("skip").map(l -> l.contains(FileContentTypes.ISO)).orElse(false);
  }

  /** {@code export_dir}: the plain files and their manifests, copied there (for media). */
  private PublishReport exportTree(Path dir) throws IOException {
    long files = 0;
    for (ExportSection section : sections) {
      Path root =
          section.directory().isEmpty() ? dir : TreePaths.resolveInside(dir, section.directory());
      Files.createDirectories(root);
      // A section directory that is a link to elsewhere is never written through.
      RootedFiles.requireInside(dir, root);
      files += exportSectionTree(root, section);
    }
    progress.put("state", "complete");
    progress.put("export_dir", dir.toString());
    progress.put("files", files);
    reporter.setProgress(new LinkedHashMap<>(progress));
    return PublishReport.success(Map.copyOf(progress), Map.copyOf(progress));
  }

  private long exportSectionTree(Path dir, ExportSection section) throws IOException {
    long files = 0;
    Path manifest = dir.resolve("PULP_MANIFEST");
    Path manifestTemp = manifest.resolveSibling(".PULP_MANIFEST.tmp");
    // A link planted at the temporary name is replaced, never written through.
    Files.deleteIfExists(manifestTemp);
    try (BufferedWriter out = Files.newBufferedWriter(manifestTemp, StandardOpenOption.CREATE_NEW);
        Stream<Unit> units = units(section)) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        checkCancelled();
        ManifestEntry entry = ManifestEntry.of(unit);
        Path target = TreePaths.resolveInside(dir, entry.name());
        Files.createDirectories(target.getParent());
        // A directory of the export that is a link to elsewhere is never written through.
        RootedFiles.requireInside(dir, target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
        Files.copy(unit.storagePath(), temp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(
            temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        out.write(entry.line());
        out.write('\n');
        files++;
      }
    }
    Files.move(
        manifestTemp,
        manifest,
        StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    return files;
  }

  private Stream<Unit> units(ExportSection section) {
    return skipped() ? Stream.empty() : section.units().units(criteria());
  }

  private PublishReport exportImages() throws IOException {
    // One manifest per section, each beside its section's files in every image.
    Map<String, Path> manifests = new LinkedHashMap<>();
    long files = 0;
    long bytes = 0;
    long manifestBytes = 0;
    for (ExportSection section : sections) {
      Path manifest = TreePaths.resolveInside(workingDir, section.path("PULP_MANIFEST"));
      Files.createDirectories(manifest.getParent());
      long[] counted = writeManifest(section, manifest);
      files += counted[0];
      bytes += counted[1];
      manifestBytes += Files.size(manifest) + MANIFEST_SLACK;
      manifests.put(section.path("PULP_MANIFEST"), manifest);
    }
    progress.put("bytes_total", bytes);
    long maxBytes = config.getLong("iso_size").orElse(ExportDistributor.DEFAULT_ISO_SIZE_MB) * MB;
    long budget = maxBytes - manifestBytes;
    if (budget <= 0) {
      throw new IllegalStateException(
          "iso_size is too small even for the export's manifests; raise it");
    }
    String prefix = config.getString("iso_prefix").orElse(name);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    RelativeUrl url = RelativeUrl.parse(config.getString("relative_url").orElse(defaultUrl));
    List<Map<String, Object>> images = new ArrayList<>();
    try (TreePublisher.Build build = TreePublisher.begin(masterDir);
        SectionEntries entries = new SectionEntries()) {
      Iterator<List<IsoEntry>> groups = IsoPlanner.split(entries, budget);
      for (int n = 1; groups.hasNext(); n++) {
        checkCancelled();
        String name = String.format(Locale.ROOT, "%s-%s-%02d.iso", prefix, STAMP.format(now), n);
        IsoImage.Builder image = IsoImage.builder().volumeId(volumeId(prefix, n)).timestamp(now);
        for (Map.Entry<String, Path> manifest : manifests.entrySet()) {
          image.add(manifest.getKey(), manifest.getValue());
        }
        groups.next().forEach(image::add);
        Path file = build.dir().resolve(name);
        long before = (long) progress.get("bytes_written");
        progress.put("current_image", name);
        long writing = System.nanoTime();
        Map<String, String> digests =
            image
                .build()
                .writeWithDigests(
                    file, () -> cancelled, (written, total) -> written(before, written));
        Digests.write(file, digests);
        imageNanos += System.nanoTime() - writing;
        images.add(imageReport(name, file, digests.get("SHA-256")));
        progress.put("images_written", images.size());
        progress.put("bytes_written", before + Files.size(file));
        reporter.setProgress(new LinkedHashMap<>(progress));
      }
      if (config.getBoolean("manifest", false)) {
        writeImageManifest(build, images);
      }
      List<Path> served = new ArrayList<>();
      List<Path> unserved = new ArrayList<>();
      for (String protocol : List.of("http", "https")) {
        Path path = platform.servedRoot(protocol).resolve(PREFIX).resolve(url.path());
        (config.getBoolean(protocol, false) ? served : unserved).add(path);
      }
      build.commit(served, unserved, Duration.ofMinutes(5));
    }
    progress.remove("current_image");
    progress.put("state", "complete");
    progress.put("files", files);
    progress.put("images", List.copyOf(images));
    progress.put("seconds_writing_images", imageNanos / 1e9);
    progress.put("relative_path", "/pulp/" + PREFIX + "/" + url + "/");
    reporter.setProgress(new LinkedHashMap<>(progress));
    return PublishReport.success(Map.copyOf(progress), Map.copyOf(progress));
  }

  private void written(long before, long written) {
    // Called often by the writer; the task's own store throttles what reaches the database.
    progress.put("bytes_written", before + written);
    reporter.setProgress(new LinkedHashMap<>(progress));
  }

  /** Writes one section's manifest; answers its file count and byte total. */
  private long[] writeManifest(ExportSection section, Path manifest) throws IOException {
    long count = 0;
    long bytes = 0;
    try (BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8);
        Stream<Unit> units = units(section)) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        checkCancelled();
        out.write(ManifestEntry.of(unit).line());
        out.write('\n');
        count++;
        bytes += size(unit);
      }
    }
    return new long[] {count, bytes};
  }

  /**
   * The image entries of every section in turn, each section's units streamed only while it is
   * read: one database cursor open at a time, never a section's units held in memory (a {@code
   * flatMap}'s iterator would buffer a whole section).
   */
  private final class SectionEntries implements Iterator<IsoEntry>, AutoCloseable {
    private final Iterator<ExportSection> remaining = sections.iterator();
    private ExportSection section;
    private Stream<Unit> open;
    private Iterator<Unit> units = java.util.Collections.emptyIterator();

    @Override
    public boolean hasNext() {
      while (!units.hasNext()) {
        close();
        if (!remaining.hasNext()) {
          return false;
        }
        section = remaining.next();
        open = units(section);
        units = open.iterator();
      }
      return true;
    }

    @Override
    public IsoEntry next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      Unit unit = units.next();
      return new IsoEntry(
          section.path(ManifestEntry.of(unit).name()), size(unit), unit.storagePath());
    }

    @Override
    public void close() {
      if (open != null) {
        open.close();
        open = null;
      }
    }
  }

  private static Map<String, Object> imageReport(String name, Path file, String sha256)
      throws IOException {
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("name", name);
    image.put("size", Files.size(file));
    image.put("sha256", sha256);
    return image;
  }

  private static void writeImageManifest(
      TreePublisher.Build build, List<Map<String, Object>> images) throws IOException {
    build.write(
        "PULP_MANIFEST",
        out -> {
          for (Map<String, Object> image : images) {
            out.write(
                (image.get("name") + "," + image.get("sha256") + "," + image.get("size") + "\n")
                    .getBytes(StandardCharsets.UTF_8));
          }
        });
  }

  private static long size(Unit unit) {
    return ((Number) unit.unitKey().get("size")).longValue();
  }

  /** ISO 9660 volume ids are upper-case letters, digits and '_', at most 32. */
  private static String volumeId(String prefix, int n) {
    String id = prefix.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    String suffix = String.format(Locale.ROOT, "_%02d", n);
    return id.substring(0, Math.min(id.length(), 32 - suffix.length())) + suffix;
  }

  private void checkCancelled() {
    if (cancelled || Thread.currentThread().isInterrupted()) {
      throw new CancellationException("export cancelled");
    }
  }

  /** Removes the published export of one distributor, published at {@code url}. */
  static void unpublish(Platform platform, RelativeUrl url, Path masterDir) throws IOException {
    for (String protocol : List.of("http", "https")) {
      TreePublisher.unpublish(platform.servedRoot(protocol).resolve(PREFIX).resolve(url.path()));
    }
    TreePublisher.deleteAll(masterDir);
  }
}
