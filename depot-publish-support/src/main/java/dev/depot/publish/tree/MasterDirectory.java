package dev.depot.publish.tree;

import dev.depot.plugin.FileTrees;
import dev.depot.publish.files.AtomicMove;
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

  /**
   * What follows a tree's name in the name of one of its index's parts: {@code
   * <tree>.index-<part>}.
   */
  static final String INDEX_PART = INDEX + "-";

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
    prune(masterDir, grace, now, now.minus(Duration.ofDays(1)));
  }

  /**
   * Prunes as {@link #prune(Path, Duration, Instant)}, deleting the builds started before {@code
   * buildsBefore}: a publish committing knows every build started before its own was abandoned
   * (killed with its process), as the publishes of one distributor run one at a time.
   */
  static void prune(Path masterDir, Duration grace, Instant now, Instant buildsBefore)
      throws IOException {
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(masterDir)) {
      for (Path entry : entries) {
        String name = entry.getFileName().toString();
        if (name.startsWith(BUILDING)) {
          if (startedAt(name.substring(BUILDING.length())).isBefore(buildsBefore)) {
            FileTrees.delete(entry); // an export's images, say: gigabytes no publish will commit
          }
        } else if (indexedTree(name) != null
            && !Files.isDirectory(masterDir.resolve(indexedTree(name)))) {
          Files.deleteIfExists(entry); // the index (or a part of it) of a tree that is gone
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
        deleteIndexParts(masterDir, trees.get(i));
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
            && indexedTree(name) == null
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

  /**
   * The tree whose index (or index part) a master directory entry is, or null when it is none:
   * {@code <tree>.index} and {@code <tree>.index-<part>}.
   */
  static String indexedTree(String name) {
    if (name.endsWith(INDEX)) {
      return name.substring(0, name.length() - INDEX.length());
    }
    int part = name.indexOf(INDEX_PART);
    return part > 0 ? name.substring(0, part) : null;
  }

  /** Whether a tree has its index: committed and served everywhere, as {@link TreePublisher}. */
  static boolean hasIndex(Path masterDir, String treeName) {
    return Files.isRegularFile(masterDir.resolve(treeName + INDEX));
  }

  /** The index parts kept beside a tree (or a build, given its directory's name). */
  static List<Path> indexParts(Path masterDir, String treeName) throws IOException {
    List<Path> parts = new ArrayList<>();
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(masterDir, globQuoted(treeName + INDEX_PART) + "*")) {
      entries.forEach(parts::add);
    }
    return parts;
  }

  /** The suffix naming an index part; refuses names that are not letters, digits, dots, dashes. */
  static String partSuffix(String part) {
    if (!part.matches("[A-Za-z0-9][A-Za-z0-9.-]*")) {
      throw new IllegalArgumentException("not an index part's name: " + part);
    }
    return INDEX_PART + part;
  }

  /** Renames the index parts of {@code from} (a build) to those of {@code to} (its tree). */
  static void renameIndexParts(Path masterDir, String from, String to) throws IOException {
    for (Path part : indexParts(masterDir, from)) {
      String suffix = part.getFileName().toString().substring(from.length());
      AtomicMove.move(part, masterDir.resolve(to + suffix));
    }
  }

  /** Deletes the index parts of a tree or build. */
  static void deleteIndexParts(Path masterDir, String treeName) throws IOException {
    for (Path part : indexParts(masterDir, treeName)) {
      Files.deleteIfExists(part);
    }
  }

  /** Tree names hold digits, letters and dashes only; anything else is escaped for a glob. */
  private static String globQuoted(String literal) {
    return literal.replaceAll("([*?\\[\\]{}\\\\])", "\\\\$1");
  }

  static Instant startedAt(String treeName) {
    int dash = treeName.indexOf('-');
    try {
      return Instant.ofEpochMilli(
          Long.parseLong(dash < 0 ? treeName : treeName.substring(0, dash)));
    } catch (NumberFormatException e) {
      return Instant.EPOCH;
    }
  }
}
