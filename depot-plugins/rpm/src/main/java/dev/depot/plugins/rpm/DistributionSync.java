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
 * treeinfo has no tree: nothing to do. A tree Depot holds already is not fetched again. The
 * repository keeps the feed's current tree: others leave it.
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

  private Unit save(URI feedDir, Path dir, String treeinfo, TreeInfo info)
      throws IOException, InterruptedException {
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("treeinfo", treeinfo);
    metadata.put("packagedir", info.packagedir());
    metadata.put("timestamp", info.timestamp());
    List<Map<String, Object>> files = new ArrayList<>();
    Optional<Unit> held = conduit.findUnit(RpmTypes.DISTRIBUTION, info.unitKey());
    boolean stored = held.isPresent() && Files.isDirectory(held.get().storagePath());
    if (stored) {
      for (String path : info.files()) {
        if (!Files.isRegularFile(inside(held.get().storagePath(), path))) {
          throw new IOException(
              "the feed's tree "
                  + info.distributionId()
                  + " lists "
                  + path
                  + ", which the tree Depot stored under that id lacks: the tree changed; remove"
                  + " the distribution unit from every repository and delete orphans to fetch it"
                  + " anew");
        }
      }
    }
    for (String path : info.files()) {
      Path file = inside(dir, path);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("relativepath", path);
      if (stored) {
        entry.put("size", Files.size(inside(held.get().storagePath(), path)));
      } else {
        Files.createDirectories(file.getParent());
        Downloader.Fetched fetched = downloader.fetch(MetadataFiles.inside(feedDir, path), file);
        check(path, info.checksums().get(path), file, fetched);
        entry.put("size", fetched.size());
      }
      String checksum = info.checksums().get(path);
      entry.put(
          "checksum", checksum == null ? null : checksum.substring(checksum.indexOf(':') + 1));
      entry.put(
          "checksumtype", checksum == null ? null : checksum.substring(0, checksum.indexOf(':')));
      files.add(entry);
    }
    metadata.put("files", files);
    Unit unit =
        stored
            ? conduit.initUnit(RpmTypes.DISTRIBUTION, info.unitKey(), metadata, DIR)
            : conduit.adoptDirectory(RpmTypes.DISTRIBUTION, info.unitKey(), metadata, DIR, dir);
    return conduit.saveUnit(unit);
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
