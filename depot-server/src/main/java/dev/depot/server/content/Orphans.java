package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.publish.tree.LinkTemplates;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Units no repository holds, and their removal. A unit is deleted only by a statement that checks,
 * in the same SQL, that it is still an orphan: a unit a sync or copy associated again after it was
 * listed stays. Its file goes with the row, then its directories while they are empty, up to the
 * type's directory in the content store, all under the {@link ContentFilesLock} that keeps syncs
 * from saving units meanwhile.
 */
public final class Orphans {
  private static final Logger LOG = LoggerFactory.getLogger(Orphans.class);
  private static final String ORPHAN =
      "NOT EXISTS (SELECT 1 FROM repo_units ru WHERE ru.unit_id = u.unit_id)"
          + " AND NOT EXISTS (SELECT 1 FROM repo_units_removed rr WHERE rr.unit_id = u.unit_id)";
  private static final int BATCH = 500;

  /** How long a unit directory without a row is left alone, for a save that is on its way. */
  public static final Duration STRAY_GRACE = Duration.ofHours(1);

  private final Jdbi jdbi;
  private final ContentStore content;
  private final StrayFiles strays;

  /**
   * @param jdbi the database
   * @param content the content store whose files are removed with their units
   */
  public Orphans(Jdbi jdbi, ContentStore content) {
    this(jdbi, content, STRAY_GRACE, Clock.systemUTC());
  }

  /**
   * @param jdbi the database
   * @param content the content store whose files are removed with their units
   * @param strayGrace how long a unit directory no row names is kept before it counts as stray
   * @param clock the time stray directories are judged by
   */
  public Orphans(Jdbi jdbi, ContentStore content, Duration strayGrace, Clock clock) {
    this.jdbi = jdbi;
    this.content = content;
    this.strays = new StrayFiles(jdbi, content, strayGrace, clock);
  }

  /** Orphan counts for each of the given types (0 when none). */
  public Map<String, Long> counts(List<String> typeIds) {
    Map<String, Long> counts = new LinkedHashMap<>();
    typeIds.forEach(t -> counts.put(t, 0L));
    jdbi.useHandle(
        h ->
            h.createQuery(
                    "SELECT u.type_id, COUNT(*) AS n FROM units u WHERE "
                        + ORPHAN
                        + " GROUP BY u.type_id")
                .map((rs, ctx) -> Map.entry(rs.getString("type_id"), rs.getLong("n")))
                .forEach(e -> counts.put(e.getKey(), e.getValue())));
    return counts;
  }

  /** Streams the orphans of a type, or of every type when null; close the stream. */
  public Stream<Unit> stream(String typeId) {
    return Cursors.open(jdbi, h -> stream(h, typeId));
  }

  private static Stream<Unit> stream(Handle h, String typeId) {
    String sql =
        "SELECT u.* FROM units u WHERE "
            + ORPHAN
            + (typeId == null ? "" : " AND u.type_id = :type")
            + " ORDER BY u.type_id, u.unit_id";
    var query = h.createQuery(sql).setFetchSize(UnitStore.FETCH_SIZE);
    if (typeId != null) {
      query.bind("type", typeId);
    }
    return query.map((rs, ctx) -> UnitStore.unit(rs)).stream();
  }

  /** The unit if it exists, has that type and is an orphan. */
  public Optional<Unit> find(String typeId, String unitId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT u.* FROM units u WHERE u.type_id = :type AND u.unit_id = :id AND "
                        + ORPHAN)
                .bind("type", typeId)
                .bind("id", unitId)
                .map((rs, ctx) -> UnitStore.unit(rs))
                .findOne());
  }

  /**
   * Deletes orphans of a type (every type when null), or the one with {@code unitId}. Deleting all
   * of a type (or all) also removes the type's stray unit files: those no unit row names, left
   * behind by a crash between storing a file and committing its unit.
   *
   * @return deleted units per type, types with none left out
   */
  public Map<String, Long> delete(String typeId, String unitId) {
    Map<String, Long> deleted = new LinkedHashMap<>();
    if (unitId != null) {
      find(typeId, unitId).ifPresent(u -> deleteBatch(List.of(u), deleted));
      return deleted;
    }
    List<Unit> batch = new ArrayList<>();
    try (Stream<Unit> orphans = stream(typeId)) {
      orphans.forEach(
          u -> {
            batch.add(u);
            if (batch.size() == BATCH) {
              deleteBatch(batch, deleted);
              batch.clear();
            }
          });
    }
    deleteBatch(batch, deleted);
    try {
      long stray = strays.remove(typeId);
      if (stray > 0) {
        LOG.info("Removed {} stray unit directories (files no unit row named)", stray);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot look for stray unit files: " + e.getMessage(), e);
    }
    return deleted;
  }

  private void deleteBatch(List<Unit> units, Map<String, Long> deleted) {
    if (units.isEmpty()) {
      return;
    }
    // Files go before the commit, while the lock keeps every sync's save waiting: a save that
    // then finds a unit gone finds its file gone too, and fetches it again. Should the commit
    // fail, the rows stay as orphans without files, which no repository serves.
    List<Unit> removed =
        jdbi.inTransaction(
            h -> {
              ContentFilesLock.exclusive(h);
              var delete =
                  h.prepareBatch("DELETE FROM units u WHERE u.unit_id = :id AND " + ORPHAN);
              for (Unit u : units) {
                delete.bind("id", u.id()).add();
              }
              int[] counts = delete.execute();
              List<Unit> gone = new ArrayList<>();
              for (int i = 0; i < units.size(); i++) {
                if (counts[i] > 0) {
                  gone.add(units.get(i));
                  if (units.get(i).storagePath() != null) {
                    removeFile(units.get(i));
                  }
                }
              }
              return gone;
            });
    removed.forEach(u -> deleted.merge(u.typeId(), 1L, Long::sum));
  }

  private void removeFile(Unit unit) {
    Path typeRoot = content.root().resolve(unit.typeId());
    Path path = unit.storagePath().toAbsolutePath().normalize();
    try {
      if (Files.isDirectory(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> tree = Files.walk(path)) {
          for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.deleteIfExists(p);
          }
        }
      } else {
        Files.deleteIfExists(path);
      }
      LinkTemplates.delete(path);
      for (Path dir = path.getParent();
          dir != null && dir.startsWith(typeRoot) && !dir.equals(typeRoot);
          dir = dir.getParent()) {
        Files.delete(dir);
      }
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      // Another unit's file still lives there (or a concurrent delete got it): stop pruning.
    } catch (IOException e) {
      LOG.warn("Could not remove the file of orphan {} ({}): {}", unit.id(), path, e.toString());
    }
  }
}
