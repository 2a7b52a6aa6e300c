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
    Unit stored = inserts.save(h, unit, now); // insert-if-absent: the stored unit either way
    Unit current =
        h.createQuery("SELECT * FROM units WHERE unit_id = :id FOR UPDATE")
            .bind("id", stored.id())
            .map((rs, ctx) -> UnitStore.unit(rs))
            .one();
    Map<String, Object> kept = merge.apply(current.metadata(), unit.metadata());
    if (kept == null) {
      throw new IllegalStateException("the merge of " + unit.typeId() + " answered no metadata");
    }
    if (current.metadata().containsKey(UnitUserMetadata.FIELD)) {
      // What users set is theirs: a plugin's merge of amended content does not take it away.
      kept = new java.util.LinkedHashMap<>(kept);
      kept.put(UnitUserMetadata.FIELD, current.metadata().get(UnitUserMetadata.FIELD));
    }
    // Compared as canonical JSON: stored numbers read back as other classes, and maps in any order.
    if (Json.writeCanonical(kept).equals(Json.writeCanonical(current.metadata()))) {
      return new Merged(current, false);
    }
    Unit merged = current.withMetadata(kept);
    h.createUpdate("UPDATE units SET metadata = :metadata WHERE unit_id = :id")
        .bind("metadata", Json.write(merged.metadata()))
        .bind("id", merged.id())
        .execute();
    // The searchable fields follow the metadata, or a search by severity would find the old one.
    h.createUpdate("DELETE FROM unit_fields WHERE unit_id = :id").bind("id", merged.id()).execute();
    fields.insert(h, merged);
    return new Merged(merged, true);
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
    Unit stored = inserts.save(h, unit, now);
    Unit current =
        h.createQuery("SELECT * FROM units WHERE unit_id = :id FOR UPDATE")
            .bind("id", stored.id())
            .map((rs, ctx) -> UnitStore.unit(rs))
            .one();
    if (unit.storagePath().equals(current.storagePath())) {
      return new Merged(current, false); // just stored, or the same content again
    }
    Map<String, Object> kept = new java.util.LinkedHashMap<>(unit.metadata());
    if (current.metadata().containsKey(UnitUserMetadata.FIELD)) {
      kept.put(UnitUserMetadata.FIELD, current.metadata().get(UnitUserMetadata.FIELD));
    }
    Unit replaced =
        new Unit(current.id(), current.typeId(), current.unitKey(), kept, unit.storagePath());
    h.createUpdate(
            "UPDATE units SET metadata = :metadata, storage_path = :path WHERE unit_id = :id")
        .bind("metadata", Json.write(replaced.metadata()))
        .bind("path", replaced.storagePath().toString())
        .bind("id", replaced.id())
        .execute();
    h.createUpdate("DELETE FROM unit_fields WHERE unit_id = :id")
        .bind("id", replaced.id())
        .execute();
    fields.insert(h, replaced);
    StrayFiles.superseded(current.storagePath());
    return new Merged(replaced, true);
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
