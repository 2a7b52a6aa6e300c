package dev.depot.server.content;

import dev.depot.server.db.Json;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Pulp's {@code pulp_user_metadata}: a JSON object on every unit that users set over REST to tag or
 * annotate content (a plugin's own fields stay the plugin's). It is kept in the unit's metadata
 * under {@link #FIELD}, so unit searches filter and sort on it like any field, and a plugin merging
 * the unit later keeps it ({@link UnitMerges}).
 */
public final class UnitUserMetadata {
  /** The metadata key, as Pulp names it. */
  public static final String FIELD = "pulp_user_metadata";

  private final Jdbi jdbi;

  UnitUserMetadata(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** The unit's user metadata ({@code {}} when none was set); empty for an unknown unit. */
  public Optional<Map<String, Object>> get(String typeId, String unitId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT metadata FROM units WHERE unit_id = :id AND type_id = :type")
                .bind("id", unitId)
                .bind("type", typeId)
                .mapTo(String.class)
                .findOne()
                .map(metadata -> of(Json.readMap(metadata))));
  }

  /** Replaces the unit's user metadata; false for an unknown unit. */
  public boolean set(String typeId, String unitId, Map<String, Object> value) {
    return jdbi.inTransaction(
        h -> {
          Optional<String> stored =
              h.createQuery(
                      "SELECT metadata FROM units WHERE unit_id = :id AND type_id = :type"
                          + " FOR UPDATE")
                  .bind("id", unitId)
                  .bind("type", typeId)
                  .mapTo(String.class)
                  .findOne();
          if (stored.isEmpty()) {
            return false;
          }
          Map<String, Object> metadata = new LinkedHashMap<>(Json.readMap(stored.get()));
          metadata.put(FIELD, value);
          h.createUpdate("UPDATE units SET metadata = :metadata WHERE unit_id = :id")
              .bind("metadata", Json.write(metadata))
              .bind("id", unitId)
              .execute();
          return true;
        });
  }

  /** The user metadata within a unit's metadata, {@code {}} when none was set. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> of(Map<String, Object> metadata) {
    return metadata.get(FIELD) instanceof Map<?, ?> value
        ? (Map<String, Object>) value
        : new LinkedHashMap<>();
  }
}
