package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.depot.plugin.ContentRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The Forge's module listing and search, {@code /v3/modules[?query=<text>][&owner=<author>]}: what
 * {@code puppet module search} asks, and what another Depot's importer asks for a free-text query.
 * {@code query} finds the modules whose author or name contains it without case (an {@code
 * author-name} query: that module), as the importer's queries match a manifest's tarballs; the
 * public Forge also searches tags and summaries, which a published tree does not index. Paged by
 * module ({@code limit}, {@code offset}, {@code pagination.total} the modules found), in publish
 * order: the index is read line by line and only the answered modules' pages are read, each whole,
 * as {@code /v3/modules/<slug>} reads one.
 */
final class ForgeModuleList {
  private ForgeModuleList() {}

  /** The page of modules the request asks, as JSON. */
  static String answer(Path tree, ContentRequest request) throws IOException {
    String query = request.parameter("query").filter(q -> !q.isBlank()).orElse(null);
    String owner = request.parameter("owner").filter(o -> !o.isBlank()).orElse(null);
    Predicate<String> wanted =
        slug -> {
          int dash = slug.indexOf('-');
          return (owner == null || ForgeIndex.ownedBy(slug, owner))
              && (query == null
                  || Queries.matches(
                      query.strip(), slug.substring(0, dash), slug.substring(dash + 1)));
        };
    int limit = ForgePages.limit(request);
    int offset = ForgePages.offset(request);
    ForgeIndex.Found found = ForgeIndex.modules(tree, wanted, offset, limit);
    ArrayNode results = ModuleRelease.JSON.createArrayNode();
    for (String slug : found.slugs()) {
      Path page = tree.resolve(ForgeJson.releasesPath(slug));
      if (!Files.isRegularFile(page)) {
        continue; // an index line without its page: a tree being replaced under the request
      }
      JsonNode releases = ModuleRelease.JSON.readTree(page.toFile()).path("results");
      if (!releases.isEmpty()) {
        results.add(ForgeModules.moduleJson(releases));
      }
    }
    Map<String, String> filters = new LinkedHashMap<>();
    if (query != null) {
      filters.put("query", query);
    }
    if (owner != null) {
      filters.put("owner", owner);
    }
    ObjectNode answer = ModuleRelease.JSON.createObjectNode();
    answer.set(
        "pagination",
        ForgePages.paged(
            ForgePages.filtered("/v3/modules", filters), limit, offset, found.total()));
    answer.set("results", results);
    return ModuleRelease.JSON.writeValueAsString(answer);
  }
}
