package dev.depot.server.content;

import dev.depot.plugin.Unit;
import dev.depot.server.db.Timestamps;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pulp's JSON shapes of a unit and of a repository-unit association. */
public final class UnitJson {
  private UnitJson() {}

  /**
   * A unit as Pulp stores it: its metadata and unit-key fields plus {@code _id}, {@code
   * _content_type_id}, {@code _storage_path} and {@code _ns}. Also the document that filters run
   * on.
   */
  public static Map<String, Object> document(Unit unit) {
    // The key first (what identifies the unit leads a truncated CLI line); a key field wins.
    Map<String, Object> doc = new LinkedHashMap<>(unit.unitKey());
    unit.metadata().forEach(doc::putIfAbsent);
    doc.putIfAbsent(UnitUserMetadata.FIELD, Map.of()); // every unit has one in Pulp
    doc.put("_id", unit.id());
    doc.put("_content_type_id", unit.typeId());
    doc.put("_storage_path", unit.storagePath() == null ? null : unit.storagePath().toString());
    doc.put("_ns", "units_" + unit.typeId());
    return doc;
  }

  /**
   * An association as Pulp's unit search returns it. Depot keeps no object id per association, so
   * {@code id} is derived from the repository and unit ids: stable, 24 hex digits like Pulp's.
   */
  public static Map<String, Object> association(UnitAssociation a) {
    Map<String, Object> json = new LinkedHashMap<>();
    String id = associationId(a.repoId(), a.unit().id());
    json.put("_id", Map.of("$oid", id));
    json.put("id", id);
    json.put("repo_id", a.repoId());
    json.put("unit_id", a.unit().id());
    json.put("unit_type_id", a.unit().typeId());
    json.put("created", Timestamps.format(a.created()));
    json.put("updated", Timestamps.format(a.updated()));
    json.put("metadata", document(a.unit()));
    return json;
  }

  /** The id Pulp would show for an association. */
  static String associationId(String repoId, String unitId) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest((repoId + "\n" + unitId).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }
}
