package dev.depot.publish.rsync;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The unit files one push sends, laid out as a tree of links to the content store with the store's
 * layout, for one recursive {@code rsync --copy-links}.
 *
 * <p>The store keeps each unit in a directory of its own ({@code <type>/<2 hex>/<key digest>/<file
 * name>}), so the stage links each unit's <em>directory</em>, not its file: one system call per
 * unit, where a link per file also needed a directory per unit. rsync follows the link and sends
 * the directory's contents, leaving out hidden files: the platform keeps its own beside a unit's
 * file, all hidden (a publish's link template {@code .<name>.link}, a download's or upload's
 * temporary file). The rare unit whose own file name is hidden is staged as a link to its file in a
 * directory of the stage, and named in an include rule that comes before the exclusion.
 *
 * <p>Why not {@code --files-from}: rsync reads that list one byte per system call (a poll and a
 * read for each of the ~90 bytes of a store path) and resolves every listed path component by
 * component again, on both ends; for 20,000 units that was more than half of the units step, and
 * several times the CPU of a recursive copy of the same files.
 */
final class UnitStage {
  private UnitStage() {}

  /**
   * What {@link #make} staged.
   *
   * @param filters the rsync filter options that send the stage as it should be: the include rules
   *     of hidden unit files, in a file beside the stage, then the exclusion of every other hidden
   *     file
   * @param linkedPrefixes the prefix directories ({@code <type>/<2 hex>}) staged as one link
   */
  record Staged(List<String> filters, Set<String> linkedPrefixes) {}

  /**
   * Makes the tree afresh in {@code stage}: one link per unit directory in {@code list}, or one per
   * prefix directory of the store whose every unit is listed (a repository holding most of the
   * store, or a mirror, stages a few hundred links instead of one per unit). Going by counts keeps
   * memory flat: a prefix directory holding exactly as many entries as the list names in it holds
   * just those, since each named one is there.
   *
   * @param list NUL-separated paths relative to {@code unitsRoot}, as {@link PushedUnits} writes
   * @param unitsRoot the content store's units root (absolute)
   * @param stage the directory to make; whatever it held is removed first
   */
  static Staged make(Path list, Path unitsRoot, Path stage) throws IOException {
    RelativeTree.delete(stage);
    Files.createDirectories(stage);
    Set<String> whole = wholePrefixes(list, unitsRoot);
    for (String prefix : whole) {
      link(stage.resolve(prefix), unitsRoot.resolve(prefix));
    }
    Path includes = stage.resolveSibling(stage.getFileName() + ".include");
    long[] hidden = {0};
    try (Writer rules = Files.newBufferedWriter(includes, StandardCharsets.UTF_8)) {
      forEach(
          list,
          relative -> {
            if (hidden(relative)) {
              link(stage.resolve(relative), unitsRoot.resolve(relative));
              rules.write(includeRule(relative));
              rules.write('\n');
              hidden[0]++;
            } else if (!whole.contains(prefix(relative))) {
              Path unitDir = unitDir(relative);
              link(stage.resolve(unitDir), unitsRoot.resolve(unitDir));
            }
          });
    }
    List<String> filters = new ArrayList<>();
    if (hidden[0] > 0) {
      filters.add("--include-from=" + includes);
    }
    filters.add("--exclude=.*");
    return new Staged(filters, whole);
  }

  /**
   * The prefix directories every unit of which the list names, none with a hidden file name (those
   * need a link of their own). At most one entry per prefix directory is kept in memory.
   */
  private static Set<String> wholePrefixes(Path list, Path unitsRoot) throws IOException {
    Map<String, Long> listed = new HashMap<>();
    forEach(
        list,
        relative -> {
          String prefix = prefix(relative);
          if (prefix == null) {
            return;
          }
          if (hidden(relative)) {
            listed.put(prefix, -1L);
          } else {
            listed.merge(prefix, 1L, (a, b) -> a < 0 ? a : a + b);
          }
        });
    Set<String> whole = new HashSet<>();
    for (Map.Entry<String, Long> entry : listed.entrySet()) {
      if (entry.getValue() > 0 && entries(unitsRoot.resolve(entry.getKey())) == entry.getValue()) {
        whole.add(entry.getKey());
      }
    }
    return whole;
  }

  /** The entries of a directory that rsync would send: those not hidden. */
  private static long entries(Path dir) throws IOException {
    try (Stream<Path> entries = Files.list(dir)) {
      return entries.filter(e -> !e.getFileName().toString().startsWith(".")).count();
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  /**
   * The prefix directory of a listed file, {@code <type>/<2 hex>} in the store's layout: the parent
   * of its unit directory; null when the path is too short to have one.
   */
  private static String prefix(String relative) {
    Path parent = unitDir(relative).getParent();
    return parent == null ? null : parent.toString();
  }

  private static boolean hidden(String relative) {
    return Path.of(relative).getFileName().toString().startsWith(".");
  }

  /**
   * An rsync include rule matching exactly one path below the transfer's root. rsync reads a rule
   * with {@code *}, {@code ?} or {@code [} as a wildcard pattern, where a backslash escapes; other
   * rules are compared as they are, backslashes included.
   */
  static String includeRule(String relative) {
    if (relative.chars().noneMatch(c -> c == '*' || c == '?' || c == '[')) {
      return "/" + relative;
    }
    return "/" + relative.replaceAll("([\\\\*?\\[])", "\\\\$1");
  }

  /**
   * Removes a tree {@link #make} made from the same list. Going by the list, each link costs one
   * system call (relative to the open stage directory, where the platform allows), where a walk
   * would also look at every entry: for a tree of links to 20,000 units, a walk took longer than
   * the transfer. A unit below a prefix staged whole is never removed through its path, which would
   * go through the prefix's link into the content store: the prefix's link is removed.
   */
  static void remove(Path list, Staged staged, Path stage) throws IOException {
    if (Files.notExists(stage)) {
      return;
    }
    try (DirectoryStream<Path> opened = Files.newDirectoryStream(stage)) {
      SecureDirectoryStream<Path> dir =
          opened instanceof SecureDirectoryStream<Path> secure ? secure : null;
      forEach(
          list,
          relative -> {
            if (staged.linkedPrefixes().contains(prefix(relative)) && !hidden(relative)) {
              return;
            }
            // the link, never what it points to
            Path link = hidden(relative) ? Path.of(relative) : unitDir(relative);
            try {
              if (dir != null) {
                dir.deleteFile(link);
              } else {
                Files.deleteIfExists(stage.resolve(link));
              }
            } catch (NoSuchFileException e) {
              // listed twice: gone already
            }
          });
    }
    // What is left: the prefix links, and the type and prefix directories units share. A walk
    // never follows a link.
    RelativeTree.delete(stage);
    Files.deleteIfExists(stage.resolveSibling(stage.getFileName() + ".include"));
  }

  private interface PathAction {
    void accept(String relative) throws IOException;
  }

  private static void forEach(Path list, PathAction action) throws IOException {
    try (InputStream in = new BufferedInputStream(Files.newInputStream(list), 1 << 16)) {
      ByteArrayOutputStream path = new ByteArrayOutputStream(256);
      for (int b; (b = in.read()) >= 0; ) {
        if (b != 0) {
          path.write(b);
          continue;
        }
        String relative = path.toString(StandardCharsets.UTF_8);
        path.reset();
        action.accept(relative);
      }
    }
  }

  /**
   * The directory of a listed unit file, relative to the units root: the file's parent, or the file
   * itself for a file directly below the root (no store writes that; linking it is still right).
   */
  private static Path unitDir(String relative) {
    Path file = Path.of(relative);
    return file.getParent() == null ? file : file.getParent();
  }

  /** Links {@code link} to {@code target}, making the directories above the link as needed. */
  private static void link(Path link, Path target) throws IOException {
    try {
      Files.createSymbolicLink(link, target);
    } catch (FileAlreadyExistsException e) {
      // listed twice: once is enough
    } catch (NoSuchFileException e) {
      // a type or prefix directory not made yet: 256 per type at most
      Files.createDirectories(link.getParent());
      link(link, target);
    }
  }
}
