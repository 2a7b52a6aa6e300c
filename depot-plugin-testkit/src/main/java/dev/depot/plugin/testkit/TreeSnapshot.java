package dev.depot.plugin.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What one protocol's served root held at one moment, as a client reading it would find it: every
 * file by its path below the root, with the SHA-256 of its bytes (read through links) and the
 * identity of the entry itself (inode, modification and change time, not following links), which
 * tells whether a publish left the entry alone.
 *
 * <p>A directory reached through a symlink (the usual switch point of an atomic publish) is
 * resolved once, when the walk reaches it, and walked as the tree it was then; a client that
 * resolved it at the same moment would see the same. A dangling link is recorded as such: a client
 * would get a 404 there. Names starting with a dot are left out: that is where a publish stages the
 * link it is about to rename into place, which no client is pointed at.
 *
 * @param files relative path to its entry
 */
record TreeSnapshot(Map<String, Entry> files) {
  /**
   * The bytes' digest, or {@code "dangling"}, and the entry's identity: inode, modification time
   * and change time (which a new hard link to the inode moves too), null where the file system has
   * none.
   */
  record Entry(String sha256, Object fileKey, Instant modified, Object changed) {
    /** Whether the entry is the same file system object as {@code other}, untouched. */
    boolean sameEntryAs(Entry other) {
      return modified.equals(other.modified)
          && Objects.equals(fileKey, other.fileKey)
          && Objects.equals(changed, other.changed);
    }
  }

  static final TreeSnapshot EMPTY = new TreeSnapshot(Map.of());

  private static final int MAX_DEPTH = 40;

  /**
   * The tree under {@code root}, or empty when {@code root} does not exist; empty too when a tree
   * went away under the walk ({@link Optional#empty()}): the caller walks again.
   */
  static Optional<TreeSnapshot> take(Path root) throws IOException {
    Map<String, Entry> files = new TreeMap<>();
    try {
      if (!Files.exists(root)) {
        return Optional.of(EMPTY);
      }
      walk(root.toRealPath(), "", files, 0);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.of(new TreeSnapshot(Map.copyOf(files)));
  }

  private static void walk(Path dir, String prefix, Map<String, Entry> files, int depth)
      throws IOException {
    if (depth > MAX_DEPTH) {
      // Directory links can loop; no served tree a client could browse is this deep.
      throw new IOException("more than " + MAX_DEPTH + " directories deep: a link loop at " + dir);
    }
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.sorted().toList()) {
        if (child.getFileName().toString().startsWith(".")) {
          continue; // where atomic switches stage their links: not part of any tree
        }
        String name = prefix + child.getFileName();
        if (Files.isDirectory(child)) {
          walk(child.toRealPath(), name + "/", files, depth + 1);
        } else {
          files.put(name, entry(child));
        }
      }
    }
  }

  private static Entry entry(Path file) throws IOException {
    BasicFileAttributes own =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    String digest =
        Files.exists(file) ? InMemoryContent.sha256(Files.readAllBytes(file)) : "dangling";
    return new Entry(digest, own.fileKey(), own.lastModifiedTime().toInstant(), changeTime(file));
  }

  private static Object changeTime(Path file) throws IOException {
    try {
      return Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      return null; // not a Unix file system: inode and mtime must do
    }
  }

  /** The paths and contents alone, which is what a client compares. */
  Map<String, String> contents() {
    Map<String, String> contents = new TreeMap<>();
    files.forEach((path, entry) -> contents.put(path, entry.sha256()));
    return contents;
  }

  /** Whether some file of the tree has exactly these bytes. */
  boolean holds(byte[] bytes) {
    String digest = InMemoryContent.sha256(bytes);
    return files.values().stream().anyMatch(e -> e.sha256().equals(digest));
  }

  /** The entries whose bytes are exactly these. */
  Map<String, Entry> entriesHolding(byte[] bytes) {
    String digest = InMemoryContent.sha256(bytes);
    Map<String, Entry> found = new TreeMap<>();
    files.forEach(
        (path, entry) -> {
          if (entry.sha256().equals(digest)) {
            found.put(path, entry);
          }
        });
    return found;
  }

  /** A short description for failure messages: the paths. */
  @Override
  public String toString() {
    return files.keySet().toString();
  }
}
