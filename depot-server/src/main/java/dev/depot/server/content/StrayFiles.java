package dev.depot.server.content;

import dev.depot.plugin.FileTrees;
import dev.depot.publish.tree.LinkTemplates;
import dev.depot.server.db.InLists;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Unit directories in the content store that no unit row names, and unfinished copies left in
 * stored units' directories: what a crash between storing a file and committing its row leaves
 * behind, which orphan cleanup (row first, then file) would otherwise never see. A directory is
 * stray when no unit of its type has its key digest, and it has been so for longer than a grace
 * period measured on its entries' change times: a sync stores a unit's file a moment before it
 * saves the unit, and an import moves an older upload into place. The last check and the removal
 * happen under the {@link ContentFilesLock}, as orphan removal's do, so a unit saved meanwhile
 * keeps its file; and a save that still lost a race finds its file gone under that lock and fails
 * naming the unit, so nothing is ever saved without its file. Content a unit had before its source
 * replaced it ({@link dev.depot.plugin.UnitSink#replaceUnit}) goes the same way once settled.
 */
final class StrayFiles {
  private static final Logger LOG = LoggerFactory.getLogger(StrayFiles.class);
  private static final Pattern PREFIX = Pattern.compile("[0-9a-f]{2}");
  private static final Pattern DIGEST = Pattern.compile("[0-9a-f]{64}");
  private static final Pattern UNFINISHED =
      Pattern.compile(
          "\\..*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(\\.part)?");
  private static final int BATCH = 500;

  /**
   * By digest alone, so that H2 uses {@code units_by_key_digest}: given the type as well it picks
   * the natural key's index and scans every unit of the type for each batch of directories, which
   * made a cleanup of a store of 50,000 units take many minutes. The type is checked on the rows.
   */
  static final String STORED_DIGESTS =
      "SELECT key_digest, type_id, storage_path FROM units WHERE key_digest IN (<digests>)";

  private final Jdbi jdbi;
  private final ContentStore content;
  private final Duration grace;
  private final Clock clock;

  StrayFiles(Jdbi jdbi, ContentStore content, Duration grace, Clock clock) {
    this.jdbi = jdbi;
    this.content = content;
    this.grace = grace;
    this.clock = clock;
  }

  /**
   * Removes the stray unit directories of a type, or of every type when null.
   *
   * @return how many were removed
   */
  long remove(String typeId) throws IOException {
    Path root = content.root();
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    List<Path> typeDirs = new ArrayList<>();
    if (typeId != null) {
      typeDirs.add(root.resolve(typeId));
    } else {
      try (DirectoryStream<Path> types = Files.newDirectoryStream(root)) {
        types.forEach(typeDirs::add);
      }
    }
    long removed = 0;
    for (Path typeDir : typeDirs) {
      if (Files.isDirectory(typeDir, LinkOption.NOFOLLOW_LINKS)) {
        removed += removeInType(typeDir.getFileName().toString(), typeDir);
      }
    }
    return removed;
  }

  private long removeInType(String typeId, Path typeDir) throws IOException {
    long removed = 0;
    try (DirectoryStream<Path> prefixes = Files.newDirectoryStream(typeDir)) {
      for (Path prefix : prefixes) {
        String name = prefix.getFileName().toString();
        if (!PREFIX.matcher(name).matches()
            || !Files.isDirectory(prefix, LinkOption.NOFOLLOW_LINKS)) {
          continue; // not the store's layout: leave it to whoever put it there
        }
        removed += removeInPrefix(typeId, prefix, name);
        deleteIfEmpty(prefix);
      }
    }
    return removed;
  }

  private long removeInPrefix(String typeId, Path prefix, String prefixName) throws IOException {
    long removed = 0;
    List<Path> batch = new ArrayList<>(BATCH);
    try (DirectoryStream<Path> units = Files.newDirectoryStream(prefix)) {
      for (Path unitDir : units) {
        String digest = unitDir.getFileName().toString();
        if (DIGEST.matcher(digest).matches()
            && digest.startsWith(prefixName)
            && Files.isDirectory(unitDir, LinkOption.NOFOLLOW_LINKS)) {
          batch.add(unitDir);
          if (batch.size() == BATCH) {
            removed += removeBatch(typeId, batch);
            batch.clear();
          }
        }
      }
    }
    return removed + removeBatch(typeId, batch);
  }

  private long removeBatch(String typeId, List<Path> unitDirs) throws IOException {
    if (unitDirs.isEmpty()) {
      return 0;
    }
    // A cheap look without the lock first: almost every directory has its row.
    Map<String, String> known = jdbi.withHandle(h -> storedContent(h, typeId, unitDirs));
    Instant settled = clock.instant().minus(grace);
    List<Path> candidates = new ArrayList<>();
    List<Path> replaced = new ArrayList<>();
    for (Path dir : unitDirs) {
      String digest = dir.getFileName().toString();
      if (known.containsKey(digest)) {
        // One listing serves both looks: 50,000 stored units are 50,000 directory reads.
        List<Path> entries = entries(dir);
        removeUnfinishedCopies(entries, settled);
        if (!superseded(dir, entries, known.get(digest), settled).isEmpty()) {
          replaced.add(dir);
        }
      } else if (lastChange(dir).isBefore(settled)) {
        candidates.add(dir);
      }
    }
    if (candidates.isEmpty() && replaced.isEmpty()) {
      return 0;
    }
    return jdbi.inTransaction(
        h -> {
          ContentFilesLock.exclusive(h);
          List<Path> looked = new ArrayList<>(candidates);
          looked.addAll(replaced);
          Map<String, String> now = storedContent(h, typeId, looked);
          long count = 0;
          for (Path dir : candidates) {
            if (!now.containsKey(dir.getFileName().toString())) {
              LOG.info("Removing stray unit directory {} (no unit row names it)", dir);
              FileTrees.delete(dir);
              count++;
            }
          }
          for (Path dir : replaced) {
            String current = now.get(dir.getFileName().toString());
            for (Path old : superseded(dir, entries(dir), current, settled)) {
              LOG.info("Removing {}: content its unit's source replaced", old);
              FileTrees.delete(old);
              LinkTemplates.delete(old);
              count++;
            }
          }
          return count;
        });
  }

  /**
   * Makes content a unit no longer has ({@link dev.depot.plugin.UnitSink#replaceUnit}) look changed
   * now: published trees still link to it, and the grace period gives them time to be published
   * again before an orphan removal takes it.
   */
  static void superseded(Path content) {
    try {
      Files.setLastModifiedTime(content, FileTime.from(Instant.now()));
    } catch (IOException gone) {
      // nothing there to keep
    }
  }

  /**
   * The settled entries of a stored unit's directory that are neither its content ({@code current},
   * the storage path's name) nor that content's link template nor a copy under way: what the unit
   * had before its source replaced it.
   */
  private static List<Path> superseded(
      Path unitDir, List<Path> entries, String current, Instant settled) throws IOException {
    if (current == null) {
      return List.of(); // gone meanwhile, or a unit without a file: not this method's to judge
    }
    String template = LinkTemplates.of(unitDir.resolve(current)).getFileName().toString();
    List<Path> old = new ArrayList<>();
    for (Path entry : entries) {
      String name = entry.getFileName().toString();
      boolean oldTemplate = name.startsWith(".") && name.endsWith(".link");
      if (!name.equals(current)
          && !name.equals(template)
          && !oldTemplate
          && !UNFINISHED.matcher(name).matches()
          && lastChange(entry).isBefore(settled)) {
        old.add(entry);
      }
    }
    return old;
  }

  /** A directory's entries; none when it is gone. */
  private static List<Path> entries(Path dir) throws IOException {
    try (Stream<Path> listed = Files.list(dir)) {
      return listed.toList();
    } catch (NoSuchFileException gone) {
      return List.of();
    }
  }

  /**
   * Deletes the temporary copies a killed store left in a stored unit's directory ({@code
   * .<uuid>.part} files, {@code .<name>.<uuid>} directories), from its {@code entries}: the unit's
   * own file is whole, they are nobody's. Only settled ones: a store under way keeps changing its
   * copy.
   */
  private static void removeUnfinishedCopies(List<Path> entries, Instant settled)
      throws IOException {
    for (Path entry : entries) {
      if (UNFINISHED.matcher(entry.getFileName().toString()).matches()
          && changed(entry).isBefore(settled)) {
        LOG.info("Removing {}: a copy into the content store that never finished", entry);
        FileTrees.delete(entry);
      }
    }
  }

  /** The storage path's name (null for a unit without one) by key digest, of those stored. */
  private static Map<String, String> storedContent(Handle h, String typeId, List<Path> unitDirs) {
    List<String> digests = unitDirs.stream().map(d -> d.getFileName().toString()).toList();
    Map<String, String> stored = new HashMap<>();
    for (List<String> some : InLists.split(digests)) {
      h.createQuery(STORED_DIGESTS)
          .bindList("digests", some)
          .map(
              (rs, ctx) -> {
                if (rs.getString("type_id").equals(typeId)) {
                  String path = rs.getString("storage_path");
                  stored.put(
                      rs.getString("key_digest"),
                      path == null ? null : Path.of(path).getFileName().toString());
                }
                return typeId;
              })
          .list();
    }
    return stored;
  }

  /**
   * The latest change among a directory and its entries (of a file: its own). The inode change time
   * counts too: a rename into the store keeps a file's old modification time but not its change
   * time.
   */
  private static Instant lastChange(Path dir) throws IOException {
    Instant latest = changed(dir);
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
      return latest; // a unit's single file, replaced by its source: its own time is all there is
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        Instant at = changed(entry);
        if (at.isAfter(latest)) {
          latest = at;
        }
      }
    } catch (NoSuchFileException gone) {
      return Instant.MAX; // removed meanwhile: nothing to judge
    }
    return latest;
  }

  private static Instant changed(Path path) throws IOException {
    try {
      Instant modified = Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
      Object ctime = Files.getAttribute(path, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
      Instant changed = ((FileTime) ctime).toInstant();
      return changed.isAfter(modified) ? changed : modified;
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS).toInstant();
    } catch (NoSuchFileException gone) {
      return Instant.MAX;
    }
  }

  private static void deleteIfEmpty(Path dir) {
    try {
      Files.deleteIfExists(dir);
    } catch (IOException notEmpty) {
      // Other units live there.
    }
  }
}
