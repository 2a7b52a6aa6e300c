package dev.depot.plugins.rpm;

import dev.depot.plugin.FileTrees;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.download.Downloader.Expected;
import dev.depot.publish.sync.MissingUnits;
import dev.depot.publish.sync.SyncProgress;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kickstart tree step of a yum sync: the feed's {@code .treeinfo} (or {@code treeinfo}), then
 * every image it names, each checked against its {@code [checksums]} digest, gathered in a
 * directory that becomes the {@code distribution} unit's content in one move. A feed without
 * treeinfo has no tree: nothing to do. A tree Depot holds already is not fetched again while the
 * feed's treeinfo is the same; a tree respun under the same id replaces the held one's files
 * ({@link dev.depot.plugin.UnitSink#replaceUnit}). The repository keeps the feed's current tree:
 * others leave it.
 */
final class DistributionSync {
  /** The names a tree's description goes by, in the order installers look for them. */
  static final List<String> TREEINFO = List.of(".treeinfo", "treeinfo");

  /** The unit's directory name in the content store. */
  static final String DIR = "tree";

  private final SyncConduit conduit;
  private final Downloader downloader;
  private final SyncProgress progress;

  DistributionSync(SyncConduit conduit, Downloader downloader, SyncProgress progress) {
    this.conduit = conduit;
    this.downloader = downloader;
    this.progress = progress;
  }

  /**
   * Brings the feed's tree; answers the step's final state. With {@code removeMissing}, a
   * repository whose feed has no tree any more loses the one it had.
   */
  String run(URI feedDir, Path work, boolean removeMissing) throws InterruptedException {
    Path dir = work.resolve("distribution");
    try {
      FileTrees.delete(dir);
      Files.createDirectories(dir);
      Optional<String> name = fetchTreeinfo(feedDir, dir);
      if (name.isEmpty()) {
        if (removeMissing) {
          MissingUnits.remove(conduit, RpmTypes.DISTRIBUTION, u -> false);
        }
        return "FINISHED";
      }
      TreeInfo info = TreeInfo.read(dir.resolve(name.get()));
      Unit saved = save(feedDir, dir, name.get(), info);
      MissingUnits.remove(conduit, RpmTypes.DISTRIBUTION, u -> u.unitKey().equals(saved.unitKey()));
      return "FINISHED";
    } catch (DownloadFailure e) {
      progress.failed("distribution", e);
    } catch (IOException e) {
      progress.failed("distribution", e.getMessage());
    } finally {
      try {
        FileTrees.delete(dir);
      } catch (IOException e) {
        // the working directory goes with the task anyway
      }
    }
    return "FAILED";
  }

  /** Downloads the tree's description into {@code dir}; empty when the feed has none. */
  private Optional<String> fetchTreeinfo(URI feedDir, Path dir)
      throws IOException, InterruptedException {
    for (String name : TREEINFO) {
      URI uri = MetadataFiles.inside(feedDir, name);
      try {
        downloader.fetch(uri, dir.resolve(name), Expected.atMost(TreeInfo.MAX_SIZE), n -> {});
        return Optional.of(name);
      } catch (DownloadFailure e) {
        if (!absent(uri, e)) {
          throw e;
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The paths a published tree links to a {@code distribution} unit's files: its treeinfo and each
   * file it carries, never where the repository's own packages and metadata go.
   */
  static List<String> published(Unit unit) {
    List<String> paths = new ArrayList<>();
    paths.add(String.valueOf(unit.metadata().get("treeinfo")));
    if (unit.metadata().get("files") instanceof List<?> files) {
      for (Object file : files) {
        if (file instanceof Map<?, ?> entry && entry.get("relativepath") instanceof String path) {
          if (!path.startsWith("repodata/") && !path.startsWith("Packages/")) {
            paths.add(path);
          }
        }
      }
    }
    return paths;
  }

  private static boolean absent(URI uri, DownloadFailure e) {
    int code = e.responseCode().orElse(0);
    if (code == 404 || code == 410) {
      return true;
    }
    return "file".equals(uri.getScheme()) && !Files.exists(Path.of(uri));
  }

  /**
   * Saves the feed's tree. One Depot holds under the same id is kept as it is while its treeinfo is
   * the feed's, byte for byte; otherwise the tree was respun (new images under the same id, as
   * rolling distributions do) and its files replace the held ones, each image whose digest did not
   * change taken from the held tree instead of downloaded again.
   */
  private Unit save(URI feedDir, Path dir, String treeinfo, TreeInfo info)
      throws IOException, InterruptedException {
    Optional<Unit> held = conduit.findUnit(RpmTypes.DISTRIBUTION, info.unitKey());
    if (held.isPresent() && sameTree(held.get(), dir.resolve(treeinfo), treeinfo, info)) {
      return conduit.saveUnit(held.get());
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("treeinfo", treeinfo);
    metadata.put("packagedir", info.packagedir());
    metadata.put("timestamp", info.timestamp());
    List<Map<String, Object>> files = new ArrayList<>();
    for (String path : info.files()) {
      Path file = inside(dir, path);
      Files.createDirectories(file.getParent());
      String checksum = info.checksums().get(path);
      Optional<Path> unchanged = held.flatMap(h -> unchangedImage(h, path, checksum));
      long size;
      if (unchanged.isPresent()) {
        size = reuse(unchanged.get(), file);
      } else {
        Downloader.Fetched fetched = downloader.fetch(MetadataFiles.inside(feedDir, path), file);
        check(path, checksum, file, fetched);
        size = fetched.size();
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("relativepath", path);
      entry.put("size", size);
      entry.put(
          "checksum", checksum == null ? null : checksum.substring(checksum.indexOf(':') + 1));
      entry.put(
          "checksumtype", checksum == null ? null : checksum.substring(0, checksum.indexOf(':')));
      files.add(entry);
    }
    metadata.put("files", files);
    if (held.isEmpty()) {
      return conduit.saveUnit(
          conduit.adoptDirectory(RpmTypes.DISTRIBUTION, info.unitKey(), metadata, DIR, dir));
    }
    // Under a name of its own: the held tree's files stay where published trees link to them.
    String name = DIR + "-" + MetadataFiles.digestOf(dir.resolve(treeinfo), treeinfo, "sha256");
    return conduit.replaceUnit(
        conduit.adoptDirectory(
            RpmTypes.DISTRIBUTION, info.unitKey(), metadata, name.substring(0, 21), dir));
  }

  /** Whether the held tree has the feed's treeinfo, byte for byte, and every file it lists. */
  private static boolean sameTree(Unit held, Path fetched, String treeinfo, TreeInfo info)
      throws IOException {
    Path stored = held.storagePath();
    if (stored == null
        || !treeinfo.equals(held.metadata().get("treeinfo"))
        || !Files.isRegularFile(inside(stored, treeinfo))
        || Files.mismatch(inside(stored, treeinfo), fetched) != -1) {
      return false;
    }
    for (String path : info.files()) {
      if (!Files.isRegularFile(inside(stored, path))) {
        return false; // lost from the store: fetched again
      }
    }
    return true;
  }

  /** The held tree's copy of an image whose digest the feed's treeinfo gives unchanged. */
  private static Optional<Path> unchangedImage(Unit held, String path, String checksum) {
    if (checksum == null || held.storagePath() == null) {
      return Optional.empty();
    }
    if (held.metadata().get("files") instanceof List<?> files) {
      for (Object listed : files) {
        if (listed instanceof Map<?, ?> entry
            && path.equals(entry.get("relativepath"))
            && checksum.equalsIgnoreCase(entry.get("checksumtype") + ":" + entry.get("checksum"))) {
          Path file = inside(held.storagePath(), path);
          return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  /**
   * Puts a held image in the new tree: a hard link where it can (images are large), else a copy.
   */
  private static long reuse(Path held, Path file) throws IOException {
    try {
      Files.createLink(file, held);
    } catch (IOException | UnsupportedOperationException otherFileSystem) {
      Files.copy(held, file);
    }
    return Files.size(file);
  }

  private static Path inside(Path root, String path) {
    return dev.depot.publish.tree.TreePaths.resolveInside(root, path);
  }

  /** Checks a file against treeinfo's {@code <algorithm>:<hex>}, when it gives one. */
  private static void check(String path, String expected, Path file, Downloader.Fetched fetched)
      throws IOException {
    if (expected == null) {
      return;
    }
    int colon = expected.indexOf(':');
    if (colon <= 0) {
      throw new IOException(
          "treeinfo gives " + path + " a checksum Depot cannot read: " + expected);
    }
    String type = expected.substring(0, colon);
    String hex = expected.substring(colon + 1);
    String actual =
        type.equalsIgnoreCase("sha256")
            ? fetched.sha256()
            : MetadataFiles.digestOf(file, path, type);
    if (!actual.equalsIgnoreCase(hex)) {
      throw new IOException(
          path + " has " + type + " " + actual + " but treeinfo says " + hex + ": nothing kept");
    }
  }
}
