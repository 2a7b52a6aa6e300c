package dev.depot.plugins.rpm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A modules.yaml document as a unit: a {@code modulemd} keyed by name, stream, version, context and
 * arch; a {@code modulemd_defaults} by module and repository, as Pulp keys them. The document's
 * text is kept whole for publishing; its artifacts (the packages a copy brings along) beside it.
 */
final class ModuleUnits {
  private ModuleUnits() {}

  /** A document's unit type, key and metadata. */
  record ModuleUnit(String typeId, Map<String, Object> key, Map<String, Object> metadata) {}

  /**
   * The unit of {@code doc}, in the repository {@code repoId}.
   *
   * @throws IllegalArgumentException naming the field a document lacks
   */
  static ModuleUnit of(ModulesYaml.Document doc, String repoId) {
    Map<String, Object> key = new LinkedHashMap<>();
    Map<String, Object> metadata = new LinkedHashMap<>();
    if (doc.kind().equals("modulemd")) {
      for (String field : List.of("name", "stream", "version", "context", "arch")) {
        key.put(field, required(doc, field));
      }
      metadata.put("summary", doc.fields().get("summary"));
      metadata.put("artifacts", doc.artifacts());
      metadata.put("document", doc.text());
      return new ModuleUnit(RpmTypes.MODULEMD, key, metadata);
    }
    key.put("module", required(doc, "module"));
    key.put("repo_id", repoId);
    metadata.put("stream", doc.fields().get("stream"));
    metadata.put("document", doc.text());
    return new ModuleUnit(RpmTypes.MODULEMD_DEFAULTS, key, metadata);
  }

  private static String required(ModulesYaml.Document doc, String field) {
    String value = doc.fields().get(field);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "a " + doc.kind() + " document has no data." + field + " " + doc.fields());
    }
    return value;
  }
}
