package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Json;
import dev.depot.server.db.Timestamps;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BinaryOperator;
import org.jdbi.v3.core.Handle;

/**
 * The ways a unit row changes after it is stored: a plugin merging content its source amended under
 * the same key into the stored unit ({@link dev.depot.plugin.UnitSink#mergeUnit}), or replacing the
 * content its source respun under the same key ({@link dev.depot.plugin.UnitSink#replaceUnit}). The
 * row is read again under a row lock first, so two syncs changing one unit at once apply one after
 * the other and neither loses what the other added. Stored content is never rewritten in place: a
 * replacement is content at another storage path.
 */
final class UnitMerges {
  private final UnitInserts inserts;
  private final UnitFields fields;

  UnitMerges(UnitInserts inserts, UnitFields fields) {
    this.inserts = inserts;
    this.fields = fields;
  }

  /** What a merge kept, and whether that changed the stored unit. */
  record Merged(Unit unit, boolean changed) {}

  Merged merge(Handle h, Unit unit, BinaryOperator<Map<String, Object>> merge, Instant now) {
    if (unit.storagePath() != null) {
      throw new IllegalArgumentException(
          "unit " + unit.unitKey() + " of type " + unit.typeId() + " has a file: it is not merged");
    }
    Unit current = storedAndLocked(h, unit, now);
    Map<String, Object> kept = merge.apply(current.metadata(), unit.metadata());
    if (kept == null) {
      throw new IllegalStateException("the merge of " + unit.typeId() + " answered no metadata");
    }
    kept = keepingUserMetadata(kept, current);
    // Compared as canonical JSON: stored numbers read back as other classes, and maps in any order.
    if (Json.writeCanonical(kept).equals(Json.writeCanonical(current.metadata()))) {
      return new Merged(current, false);
    }
    return new Merged(rewrite(h, current.withMetadata(kept)), true);
  }

  /**
   * Gives the stored unit of {@code unit}'s type and key {@code unit}'s content (at another storage
   * path) and metadata ({@link dev.depot.plugin.UnitSink#replaceUnit}), or stores {@code unit} when
   * there is none. The content it had stays on disk for published trees that still link to it; its
   * change time is made now, so stray-file removal gives those trees its grace period to be
   * published again.
   */
  Merged replace(Handle h, Unit unit, Instant now) {
    if (unit.storagePath() == null) {
      throw new IllegalArgumentException(
          "unit " + unit.unitKey() + " of type " + unit.typeId() + " has no content to replace");
    }
    Unit current = storedAndLocked(h, unit, now);
    if (unit.storagePath().equals(current.storagePath())) {
      return new Merged(current, false); // just stored, or the same content again
    }
    Unit replaced =
        rewrite(
            h,
            new Unit(
                current.id(),
                current.typeId(),
                current.unitKey(),
                keepingUserMetadata(unit.metadata(), current),
                unit.storagePath()));
    StrayFiles.superseded(current.storagePath());
    return new Merged(replaced, true);
  }

  /**
   * The stored unit of {@code unit}'s type and key (stored now when there is none), read again
   * under a row lock: two syncs changing one unit apply one after the other.
   */
  private Unit storedAndLocked(Handle h, Unit unit, Instant now) {
    Unit stored = inserts.save(h, unit, now); // insert-if-absent: the stored unit either way
    return h.createQuery("SELECT * FROM units WHERE unit_id = :id FOR UPDATE")
        .bind("id", stored.id())
        .map((rs, ctx) -> UnitStore.unit(rs))
        .one();
  }

  /** What users set is theirs: a plugin's new metadata does not take it away. */
  private static Map<String, Object> keepingUserMetadata(Map<String, Object> kept, Unit current) {
    if (!current.metadata().containsKey(UnitUserMetadata.FIELD)) {
      return kept;
    }
    Map<String, Object> withUsers = new java.util.LinkedHashMap<>(kept);
    withUsers.put(UnitUserMetadata.FIELD, current.metadata().get(UnitUserMetadata.FIELD));
    return withUsers;
  }

  /**
   * Writes the unit's metadata and storage path to its row, and its searchable fields again (or a
   * search by severity would find the old one).
   */
  private Unit rewrite(Handle h, Unit unit) {
    h.createUpdate(
            "UPDATE units SET metadata = :metadata, storage_path = :path WHERE unit_id = :id")
        .bind("metadata", Json.write(unit.metadata()))
        .bind("path", unit.storagePath() == null ? null : unit.storagePath().toString())
        .bind("id", unit.id())
        .execute();
    h.createUpdate("DELETE FROM unit_fields WHERE unit_id = :id").bind("id", unit.id()).execute();
    fields.insert(h, unit);
    return unit;
  }

  /**
   * Marks the content of every repository holding the unit changed now, and of {@code repoId}
   * (which is about to hold it), so that none skips its next publish as unchanged: Pulp's test
   * looks at association updates, which a merge is for each of them, and a repository the unit was
   * copied into publishes the merged unit as well. One row at a time in id order, so two merges
   * marking the same repositories cannot deadlock.
   */
  static void markChanged(Handle h, String unitId, String repoId, Instant now) {
    Set<String> marked =
        new TreeSet<>(
            h.createQuery("SELECT DISTINCT repo_id FROM repo_units WHERE unit_id = :unit")
                .bind("unit", unitId)
                .mapTo(String.class)
                .list());
    marked.add(repoId);
    for (String id : marked) {
      h.createUpdate("UPDATE repositories SET last_unit_added = :now WHERE repo_id = :repo")
          .bind("repo", id)
          .bind("now", Timestamps.arg(now))
          .execute();
    }
  }
}
