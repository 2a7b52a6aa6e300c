package dev.depot.publish.export;

import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.publish.iso.Digests;
import dev.depot.publish.iso.IsoEntry;
import dev.depot.publish.iso.IsoImage;
import dev.depot.publish.iso.IsoPlanner;
import dev.depot.publish.iso.TooLargeForImage;
import dev.depot.publish.tree.RelativeUrl;
import dev.depot.publish.tree.TreePublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * An export as ISO 9660 images of at most {@code iso_size} MB, each with its {@code .DIGESTS},
 * published atomically under {@code /pulp/exports/<relative_url>/}. Every image carries the whole
 * export's metadata files (each section's, beside the section's files), so the images extracted
 * into one directory make a feed per section; with {@code manifest: true} a {@code PULP_MANIFEST}
 * of the images themselves sits beside them, so the published export directory is a feed of image
 * files too. Units are streamed twice (metadata, then images).
 */
final class ImageExport {
  private static final long MB = 1024 * 1024;

  /** Room kept in each image for a metadata file's directory record and sector rounding. */
  private static final long METADATA_SLACK = 64 * 1024;

  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH.mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final ExportJob job;
  private final Map<String, Path> metadata = new LinkedHashMap<>();
  private final List<Map<String, Object>> images = new ArrayList<>();
  private final List<PublishedLocation> locations = new ArrayList<>();
  private long imageNanos;
  private long files;

  /** Bytes of the metadata files each image holds a copy of. */
  private long metadataContent;

  private ImageExport(ExportJob job) {
    this.job = job;
  }

  static PublishReport run(ExportJob job) throws IOException {
    return new ImageExport(job).export();
  }

  private PublishReport export() throws IOException {
    long metadataBytes = writeMetadata();
    long maxBytes = job.config.getLong("iso_size").orElse(ExportConfig.DEFAULT_ISO_SIZE_MB) * MB;
    long budget = maxBytes - metadataBytes;
    if (budget <= 0) {
      throw new IllegalStateException(
          "iso_size is too small even for the export's manifests; raise it");
    }
    String prefix = job.config.getString("iso_prefix").orElse(job.name);
    Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    RelativeUrl url = job.url();
    try (TreePublisher.Build build = TreePublisher.begin(job.masterDir);
        SectionEntries entries = new SectionEntries(job)) {
      Iterator<List<IsoEntry>> groups = IsoPlanner.split(entries, budget);
      for (int n = 1; groups.hasNext(); n++) {
        job.checkCancelled();
        writeImage(build, nextImage(groups, maxBytes, metadataBytes), prefix, now, n);
      }
      if (job.config.getBoolean("manifest", false)) {
        writeImageManifest(build, images);
      }
      List<Path> served = new ArrayList<>();
      List<Path> unserved = new ArrayList<>();
      for (String protocol : List.of("http", "https")) {
        Path path = job.platform.servedRoot(protocol).resolve(ExportJob.PREFIX).resolve(url.path());
        if (job.config.getBoolean(protocol, false)) {
          served.add(path);
          locations.add(new PublishedLocation(protocol, servedPath(url), path));
        } else {
          unserved.add(path);
        }
      }
      build.commit(served, unserved, Duration.ofMinutes(5));
    }
    job.progress.remove("current_image");
    job.progress.put("files", files);
    job.progress.put("metadata_files", (long) metadata.size() * images.size());
    job.progress.put("images", List.copyOf(images));
    job.progress.put("seconds_writing_images", imageNanos / 1e9);
    job.progress.put("relative_path", servedPath(url));
    return job.complete(locations);
  }

  /**
   * The next image's files. One larger than an image may be is named with the setting to raise: the
   * planner's limit is {@code iso_size} less the metadata every image holds, a figure the user
   * never set.
   */
  private static List<IsoEntry> nextImage(
      Iterator<List<IsoEntry>> groups, long maxBytes, long metadataBytes) {
    try {
      return groups.next();
    } catch (TooLargeForImage e) {
      long least = (e.needed() + metadataBytes + MB - 1) / MB;
      throw new IllegalArgumentException(
          e.path()
              + " ("
              + e.size()
              + " bytes) does not fit in an image: iso_size "
              + maxBytes / MB
              + " MB less the "
              + metadataBytes
              + " bytes kept for the metadata every image holds leaves "
              + (maxBytes - metadataBytes)
              + " bytes, and an image of it alone takes "
              + e.needed()
              + " bytes with its directories and descriptors; raise iso_size to at least "
              + least
              + " MB",
          e);
    }
  }

  /** The URL path of an export published at {@code url}: {@code /pulp/exports/<url>/}. */
  private static String servedPath(RelativeUrl url) {
    return "/pulp/" + ExportJob.PREFIX + "/" + url + "/";
  }

  /**
   * Writes every section's metadata files (each beside its section's files in every image),
   * counting the files and bytes to export; answers the room the metadata takes in each image.
   */
  private long writeMetadata() throws IOException {
    long[] counted = {0, 0};
    long metadataBytes = 0;
    for (ExportSection section : job.sections) {
      Map<String, Path> written =
          job.exportSection(
              section,
              file -> {
                counted[0]++;
                counted[1] += file.size();
              });
      for (Map.Entry<String, Path> file : written.entrySet()) {
        long size = Files.size(file.getValue());
        metadataContent += size;
        metadataBytes += size + METADATA_SLACK;
        metadata.put(section.path(file.getKey()), file.getValue());
      }
    }
    files = counted[0];
    // Counted as the files' bytes, as bytes_written is: the image's own structures are left out.
    job.progress.put("bytes_total", counted[1] + metadataContent);
    return metadataBytes;
  }

  private void writeImage(
      TreePublisher.Build build, List<IsoEntry> entries, String prefix, Instant now, int n)
      throws IOException {
    String name = String.format(Locale.ROOT, "%s-%s-%02d.iso", prefix, STAMP.format(now), n);
    IsoImage.Builder image = IsoImage.builder().volumeId(volumeId(prefix, n)).timestamp(now);
    for (Map.Entry<String, Path> file : metadata.entrySet()) {
      image.add(file.getKey(), file.getValue());
    }
    entries.forEach(image::add);
    Path file = build.dir().resolve(name);
    long before = (long) job.progress.get("bytes_written");
    long content = metadataContent + entries.stream().mapToLong(IsoEntry::size).sum();
    if (n > 1) { // every image holds the metadata again
      job.progress.put("bytes_total", (long) job.progress.get("bytes_total") + metadataContent);
    }
    job.progress.put("current_image", name);
    long writing = System.nanoTime();
    Map<String, String> digests =
        image
            .build()
            .writeWithDigests(
                file,
                job::cancelled,
                (written, total) -> written(before, Math.min(written, content)));
    Digests.write(file, digests);
    imageNanos += System.nanoTime() - writing;
    images.add(imageReport(name, file, digests.get("SHA-256")));
    job.progress.put("images_written", images.size());
    job.progress.put("bytes_written", before + content);
    job.report();
  }

  private void written(long before, long written) {
    // Called often by the writer; the task's own store throttles what reaches the database.
    job.progress.put("bytes_written", before + written);
    job.report();
  }

  private static Map<String, Object> imageReport(String name, Path file, String sha256)
      throws IOException {
    Map<String, Object> image = new LinkedHashMap<>();
    image.put("name", name);
    image.put("size", Files.size(file));
    image.put("sha256", sha256);
    return image;
  }

  /** {@code name,sha256,size} per image: the export directory is a feed of its images. */
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

  /** ISO 9660 volume ids are upper-case letters, digits and '_', at most 32. */
  private static String volumeId(String prefix, int n) {
    String id = prefix.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
    String suffix = String.format(Locale.ROOT, "_%02d", n);
    return id.substring(0, Math.min(id.length(), 32 - suffix.length())) + suffix;
  }
}
