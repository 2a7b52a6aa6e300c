package dev.depot.plugins.rpm;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.publish.config.ConfigCheck;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;

/**
 * Pulp's {@code remove_old_repodata} and {@code remove_old_repodata_threshold}: which metadata
 * files a publish no longer lists stay in {@code repodata/}. A client that read the previous
 * repomd.xml just before the switch then asks for the files it named; they stay for the threshold
 * (14 days by default, as in Pulp; forever with {@code remove_old_repodata: false}), so its {@code
 * dnf makecache} does not fail. They cost disk only: each is a hard link of the served tree's file.
 *
 * @param served the served tree's {@code repodata}, where the files to keep come from (null: none)
 * @param thresholdSeconds how long a file no longer listed stays; -1 for ever, 0 not at all
 */
record OldRepodata(Path served, long thresholdSeconds) {
  static final String REMOVE = "remove_old_repodata";
  static final String THRESHOLD = "remove_old_repodata_threshold";

  /** Pulp's default threshold: 14 days. */
  static final long DEFAULT_THRESHOLD = 14L * 24 * 3600;

  /** Nothing kept: an export, or a tree started anew. */
  static final OldRepodata NONE = new OldRepodata(null, 0);

  static void check(ConfigCheck check) {
    check.bool(REMOVE);
    check.number(THRESHOLD, 0, 100L * 365 * 24 * 3600);
  }

  /** The policy {@code config} sets, keeping files of the tree served at {@code servedTree}. */
  static OldRepodata of(PluginCallConfiguration config, Path servedTree) {
    Path served = servedTree == null ? null : servedTree.resolve(Repodata.DIR);
    if (!config.getBoolean(REMOVE, true)) {
      return new OldRepodata(served, -1);
    }
    return new OldRepodata(served, config.getLong(THRESHOLD).orElse(DEFAULT_THRESHOLD));
  }

  /**
   * Brings {@code dir} (the new tree's repodata) to the files in {@code listed} plus the old ones
   * young enough to keep: deletes the others there, links in those of the served tree it lacks.
   */
  void apply(Path dir, Set<String> listed, long nowSeconds) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path entry : entries) {
        if (!listed.contains(entry.getFileName().toString()) && !keeps(entry, nowSeconds)) {
          Files.delete(entry);
        }
      }
    }
    if (served == null || thresholdSeconds == 0 || !Files.isDirectory(served)) {
      return;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(served)) {
      for (Path entry : entries) {
        Path here = dir.resolve(entry.getFileName().toString());
        if (!Files.exists(here) && keeps(entry, nowSeconds)) {
          link(entry, here);
        }
      }
    }
  }

  /** Whether an old file stays: a metadata file, younger than the threshold. */
  private boolean keeps(Path file, long nowSeconds) throws IOException {
    String name = file.getFileName().toString();
    if (name.startsWith(".") || name.equals(Repomd.NAME) || !Files.isRegularFile(file)) {
      return false; // temporary files, and the old index dnf must never read again
    }
    if (thresholdSeconds < 0) {
      return true;
    }
    long written = Files.getLastModifiedTime(file).toMillis() / 1000;
    return nowSeconds - written < thresholdSeconds;
  }

  private static void link(Path from, Path to) throws IOException {
    try {
      Files.createLink(to, from);
    } catch (IOException | UnsupportedOperationException e) {
      Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES); // the age goes with it
    }
  }
}
