package dev.depot.plugins.file;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.iso.Digests;
import dev.depot.publish.iso.IsoEntry;
import dev.depot.publish.iso.IsoImage;
import dev.depot.publish.iso.IsoPlanner;
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
 * One export of an {@code iso} repository. Every image carries the whole export's {@code
 * PULP_MANIFEST}, so the images extracted into one directory make an {@code iso_importer} feed;
 * with {@code manifest: true} a {@code PULP_MANIFEST} of the images themselves sits beside them, so
 * the published export directory is a feed of image files too. Units are streamed twice (manifest,
 * then images): memory holds one image's file list, never the repository.
 */
final class ExportPublish {
  /** Where exports are served below each protocol root: {@code /pulp/exports/...}. */
  static final String PREFIX = "exports";

  private static final long MB = 1024 * 1024;

  /** Room kept in each image for the manifest's directory record and sector rounding. */
  private static final long MANIFEST_SLACK = 64 * 1024;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Platform platform;
  private final Repository repo;
  private final PublishConduit conduit;
  private final PluginCallConfiguration config;
  private final Map<String, Object> progress = new LinkedHashMap<>();
  private volatile boolean cancelled;
  private long imageNanos;

  ExportPublish(
      Platform platform, Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    this.platform = platform;
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
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
      conduit.setProgress(new LinkedHashMap<>(progress));
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

  /** {@code export_dir}: the plain files and their manifest, copied there (for media). */
  private PublishReport exportTree(Path dir) throws IOException {
    long files = 0;
    Path manifest = dir.resolve("PULP_MANIFEST");
    Path manifestTemp = manifest.resolveSibling(".PULP_MANIFEST.tmp");
    // A link planted at the temporary name is replaced, never written through.
    Files.deleteIfExists(manifestTemp);
    try (BufferedWriter out = Files.newBufferedWriter(manifestTemp, StandardOpenOption.CREATE_NEW);
        Stream<Unit> units = skipped() ? Stream.empty() : conduit.units(criteria())) {
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
    progress.put("state", "complete");
    progress.put("export_dir", dir.toString());
    progress.put("files", files);
    conduit.setProgress(new LinkedHashMap<>(progress));
    return PublishReport.success(Map.copyOf(progress), Map.copyOf(progress));
  }

  private PublishReport exportImages() throws IOException {
    Path manifest = repo.workingDirectory().orElseThrow().resolve("PULP_MANIFEST");
    long files = writeManifest(manifest);
    long maxBytes = config.getLong("iso_size").orElse(ExportDistributor.DEFAULT_ISO_SIZE_MB) * MB;
    long budget = maxBytes - Files.size(manifest) - MANIFEST_SLACK;
    if (budget <= 0) {
      throw new IllegalStateException(
          "iso_size is too small even for the export's manifest; raise it");
    }
    String prefix = config.getString("iso_prefix").orElse(repo.id());
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    RelativeUrl url = relativeUrl(repo, config);
    List<Map<String, Object>> images = new ArrayList<>();
    try (TreePublisher.Build build =
            TreePublisher.begin(
                platform.masterDir(ExportDistributor.ID, repo.id(), conduit.distributorId()));
        Stream<Unit> units = skipped() ? Stream.empty() : conduit.units(criteria())) {
      Iterator<IsoEntry> entries =
          units
              .map(u -> new IsoEntry(ManifestEntry.of(u).name(), size(u), u.storagePath()))
              .iterator();
      Iterator<List<IsoEntry>> groups = IsoPlanner.split(entries, budget);
      for (int n = 1; groups.hasNext(); n++) {
        checkCancelled();
        String name = String.format(Locale.ROOT, "%s-%s-%02d.iso", prefix, STAMP.format(now), n);
        IsoImage.Builder image =
            IsoImage.builder()
                .volumeId(volumeId(prefix, n))
                .timestamp(now)
                .add("PULP_MANIFEST", manifest);
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
        conduit.setProgress(new LinkedHashMap<>(progress));
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
    conduit.setProgress(new LinkedHashMap<>(progress));
    return PublishReport.success(Map.copyOf(progress), Map.copyOf(progress));
  }

  private void written(long before, long written) {
    // Called often by the writer; the task's own store throttles what reaches the database.
    progress.put("bytes_written", before + written);
    conduit.setProgress(new LinkedHashMap<>(progress));
  }

  private long writeManifest(Path manifest) throws IOException {
    long count = 0;
    long bytes = 0;
    try (BufferedWriter out = Files.newBufferedWriter(manifest, StandardCharsets.UTF_8);
        Stream<Unit> units = skipped() ? Stream.empty() : conduit.units(criteria())) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        checkCancelled();
        out.write(ManifestEntry.of(unit).line());
        out.write('\n');
        count++;
        bytes += size(unit);
      }
    }
    progress.put("bytes_total", bytes);
    return count;
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

  static RelativeUrl relativeUrl(Repository repo, PluginCallConfiguration config) {
    return RelativeUrl.parse(config.getString("relative_url").orElse(repo.id()));
  }

  /** Removes the published export for this config. */
  static void unpublish(
      Platform platform, Repository repo, String distributorId, PluginCallConfiguration config)
      throws IOException {
    RelativeUrl url = relativeUrl(repo, config);
    for (String protocol : List.of("http", "https")) {
      TreePublisher.unpublish(platform.servedRoot(protocol).resolve(PREFIX).resolve(url.path()));
    }
    TreePublisher.deleteAll(platform.masterDir(ExportDistributor.ID, repo.id(), distributorId));
  }
}
