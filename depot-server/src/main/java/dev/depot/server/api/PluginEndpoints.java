package dev.depot.server.api;

import dev.depot.plugin.PluginMetadata;
import dev.depot.server.error.MissingResource;
import dev.depot.server.plugin.PluginRegistry;
import java.util.Collection;
import java.util.Map;

/**
 * {@code /plugins/}: the content types, importers, distributors and content APIs this server has
 * loaded.
 */
final class PluginEndpoints {
  private final PluginRegistry plugins;

  PluginEndpoints(PluginRegistry plugins) {
    this.plugins = plugins;
  }

  void register(Router router) {
    String base = Representations.API + "plugins/";
    router
        .add(
            "GET",
            base + "types/",
            r ->
                ApiResponse.ok(
                    plugins.contentTypes().stream().map(Representations::contentType).toList()))
        .add("GET", base + "types/{id}/", this::type)
        .add("GET", base + "importers/", r -> list(plugins.importers(), "importers"))
        .add(
            "GET",
            base + "importers/{id}/",
            r -> one(plugins.importers(), "importers", "importer", r))
        .add("GET", base + "distributors/", r -> list(plugins.distributors(), "distributors"))
        .add(
            "GET",
            base + "distributors/{id}/",
            r -> one(plugins.distributors(), "distributors", "distributor", r))
        .add("GET", base + "content_apis/", r -> contentApis());
  }

  /** Where each plugin's HTTP API answers, so a site fronting Depot knows what to proxy. */
  private ApiResponse contentApis() {
    return ApiResponse.ok(
        plugins.contentApis().mounted().stream()
            .map(m -> Map.of("prefix", m.prefix(), "class", m.className()))
            .toList());
  }

  private ApiResponse type(ApiRequest request) {
    String id = request.param("id");
    var type = plugins.contentType(id);
    if (type == null) {
      throw MissingResource.of("type", id);
    }
    return ApiResponse.ok(Representations.contentType(type));
  }

  private static ApiResponse list(Collection<PluginMetadata> all, String kind) {
    return ApiResponse.ok(all.stream().map(m -> Representations.plugin(m, kind)).toList());
  }

  private static ApiResponse one(
      Collection<PluginMetadata> all, String kind, String singular, ApiRequest request) {
    String id = request.param("id");
    return ApiResponse.ok(
        all.stream()
            .filter(m -> m.id().equals(id))
            .findFirst()
            .map(m -> Representations.plugin(m, kind))
            .orElseThrow(() -> MissingResource.of(singular + "_type", id)));
  }
}
