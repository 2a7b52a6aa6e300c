package dev.depot.publish.tree;

import dev.depot.plugin.FileTrees;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What a distributor's master directory holds and how it is kept tidy: committed trees named {@code
 * <epoch millis>-<random>}, each with an optional {@code <tree>.index}, and builds in progress
 * ({@code .building-<name>}). {@link TreePublisher} builds and serves the trees; this names, lists,
 * prunes and deletes them.
 */
final class MasterDirectory {
  /** The prefix of a tree still being built. */
  static final String BUILDING = ".building-";

  /** The suffix of a tree's index, kept beside it. */
  static final String INDEX = ".index";

  private MasterDirectory() {}

  /** A new tree's name: when it was started, so that a later tree says when it superseded it. */
  static String newName() {
    return System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /**
   * Deletes the trees of {@code masterDir} superseded for longer than {@code grace}, and builds
   * left behind by a crash. The newest tree always stays.
   */
  static void prune(Path masterDir, Duration grace, Instant now) throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(masterDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(BUILDING)) {
          if (startedAt(name.substring(BUILDING.length()))
              .isBefore(now.minus(Duration.ofDays(1)))) {
            FileTrees.delete(entry); // a build no publish can still be running after a day
          }
        } else if (name.endsWith(INDEX)
            && !Files.isDirectory(
                masterDir.resolve(name.substring(0, name.length() - INDEX.length())))) {
          Files.deleteIfExists(entry); // the index of a tree that is gone
        }
      }
    }
    List<String> trees = trees(masterDir);
    // The tree just superseded stays too: the next publish takes it over.
    for (int i = 0; i < trees.size() - 2; i++) {
      Instant supersededAt = startedAt(trees.get(i + 1));
      if (!supersededAt.plus(grace).isAfter(now)) {
        FileTrees.delete(masterDir.resolve(trees.get(i)));
        Files.deleteIfExists(masterDir.resolve(trees.get(i) + INDEX));
      }
    }
  }

  /** The committed trees of a master directory, oldest first. */
  static List<String> trees(Path masterDir) throws IOException {
    List<String> trees = new ArrayList<>();
    if (!Files.isDirectory(masterDir)) {
      return trees;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(masterDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (!name.startsWith(BUILDING)
            && !name.endsWith(INDEX)
            && startedAt(name) != Instant.EPOCH
            && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
          trees.add(name);
        }
      }
    }
    trees.sort(
        Comparator.comparing(MasterDirectory::startedAt).thenComparing(Comparator.naturalOrder()));
    return trees;
  }

  private static Instant startedAt(String treeName) {
    int dash = treeName.indexOf('-');
    try {
      return Instant.ofEpochMilli(
          Long.parseLong(dash < 0 ? treeName : treeName.substring(0, dash)));
    } catch (NumberFormatException e) {
      return Instant.EPOCH;
    }
  }
}
