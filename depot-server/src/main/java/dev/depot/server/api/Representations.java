package dev.depot.server.api;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.PluginMetadata;
import dev.depot.server.repo.RepositoryJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of Pulp 2's v2 API for Depot's records. */
final class Representations {
  static final String API = RepositoryJson.API;

  private Representations() {}

  static Map<String, Object> plugin(PluginMetadata metadata, String kind) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", metadata.id());
    json.put("display_name", metadata.displayName());
    json.put("types", metadata.types());
    json.put("_href", API + "plugins/" + kind + "/" + metadata.id() + "/");
    return json;
  }

  static Map<String, Object> contentType(ContentTypeDefinition type) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", type.id());
    json.put("display_name", type.displayName());
    json.put("description", type.description());
    json.put("unit_key", type.unitKey());
    json.put("search_indexes", type.searchIndexes());
    json.put("referenced_types", java.util.List.of());
    json.put("_ns", "content_types");
    json.put("_href", API + "plugins/types/" + type.id() + "/");
    return json;
  }
}
