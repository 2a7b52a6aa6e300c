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
 * The one way a unit row changes after it is stored: a plugin merging content its source amended
 * under the same key into the stored unit ({@link dev.depot.plugin.UnitSink#mergeUnit}). The row is
 * read again under a row lock before the plugin's merge sees it, so two syncs merging into one unit
 * at once apply one after the other and neither loses what the other added. Units with a file never
 * change: their key names their content.
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
