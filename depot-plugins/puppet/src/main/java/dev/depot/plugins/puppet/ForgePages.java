package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.depot.plugin.ContentRequest;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/**
 * Listings of several modules' releases, built from the per-module pages a publish wrote: all of a
 * repository's releases, or an owner's. They are paged by release as the Forge's are ({@code limit}
 * releases per answer, {@code offset} releases skipped, {@code pagination.total} the number of
 * releases), with the counts of {@link ForgeIndex}, so an answer reads only the pages of the
 * modules whose releases it holds; clients follow {@code pagination.next}, as puppet and Depot's
 * importer do.
 */
final class ForgePages {
  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  private ForgePages() {}

  /**
   * A listing with no release: a module the repository does not hold; {@code current} as the Forge
   * writes it, {@code /v3/releases?module=<slug>}, as the pages of held modules have it.
   */
  static String empty(String current) throws IOException {
    ObjectNode answer = ModuleRelease.JSON.createObjectNode();
    answer.set("pagination", pagination(0, 0, current, null));
    answer.putArray("results");
    return ModuleRelease.JSON.writeValueAsString(answer);
  }

  /** The releases {@code offset} to {@code offset + limit} of the repository, or of one owner. */
  static String listing(Path tree, ContentRequest request) throws IOException {
    String owner = request.parameter("owner").orElse(null);
    int limit = clamp(number(request, "limit", DEFAULT_LIMIT), 1, MAX_LIMIT);
    int offset = Math.max(number(request, "offset", 0), 0);
    ForgeIndex.Window window = ForgeIndex.window(tree, owner, offset, limit);
    ArrayNode results = ModuleRelease.JSON.createArrayNode();
    for (ForgeIndex.Slice slice : window.slices()) {
      Path page = tree.resolve(ForgeJson.releasesPath(slice.slug()));
      JsonNode releases = ModuleRelease.JSON.readTree(page.toFile()).path("results");
      for (int i = slice.from(); i < Math.min(slice.to(), releases.size()); i++) {
        results.add(releases.get(i));
      }
    }
    String query = filtered("/v3/releases", owner == null ? Map.of() : Map.of("owner", owner));
    ObjectNode answer = ModuleRelease.JSON.createObjectNode();
    answer.set("pagination", paged(query, limit, offset, window.total()));
    answer.set("results", results);
    return ModuleRelease.JSON.writeValueAsString(answer);
  }

  /** The releases {@code offset} to {@code offset + limit} of one module's page. */
  static String modulePage(Path page, String slug, ContentRequest request) throws IOException {
    int limit = clamp(number(request, "limit", DEFAULT_LIMIT), 1, MAX_LIMIT);
    int offset = Math.max(number(request, "offset", 0), 0);
    JsonNode releases = ModuleRelease.JSON.readTree(page.toFile()).path("results");
    ArrayNode results = ModuleRelease.JSON.createArrayNode();
    for (int i = offset; i < Math.min(releases.size(), offset + limit); i++) {
      results.add(releases.get(i));
    }
    ObjectNode answer = ModuleRelease.JSON.createObjectNode();
    answer.set(
        "pagination", paged("/v3/releases?module=" + slug + "&", limit, offset, releases.size()));
    answer.set("results", results);
    return ModuleRelease.JSON.writeValueAsString(answer);
  }

  /**
   * A listing's path with its filters, {@code <path>?<name>=<value>&}, ready for {@link #paged} to
   * append the paging: each value escaped, so an owner or a search with a space or an {@code &}
   * stays one value in the next page's link.
   */
  static String filtered(String path, Map<String, String> filters) {
    StringBuilder link = new StringBuilder(path).append('?');
    filters.forEach(
        (name, value) ->
            link.append(name)
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8))
                .append('&'));
    return link.toString();
  }

  /** The Forge's pagination of a listing: each link names its limit and offset. */
  static ObjectNode paged(String query, int limit, int offset, long total) {
    ObjectNode pagination = ModuleRelease.JSON.createObjectNode();
    String link = query + "limit=" + limit + "&offset=";
    pagination.put("limit", limit);
    pagination.put("offset", offset);
    pagination.put("first", link + 0);
    pagination.put("previous", offset == 0 ? null : link + Math.max(0, offset - limit));
    pagination.put("current", link + offset);
    pagination.put("next", offset + limit < total ? link + (offset + limit) : null);
    pagination.put("total", total);
    return pagination;
  }

  private static ObjectNode pagination(int limit, int offset, String current, String next) {
    ObjectNode pagination = ModuleRelease.JSON.createObjectNode();
    pagination.put("limit", limit);
    pagination.put("offset", offset);
    pagination.put("first", current);
    pagination.putNull("previous");
    pagination.put("current", current);
    pagination.put("next", next);
    pagination.put("total", 0);
    return pagination;
  }

  /** The {@code limit} a listing request asks, brought into the Forge's range. */
  static int limit(ContentRequest request) {
    return clamp(number(request, "limit", DEFAULT_LIMIT), 1, MAX_LIMIT);
  }

  /** The {@code offset} a listing request asks, 0 when none. */
  static int offset(ContentRequest request) {
    return Math.max(number(request, "offset", 0), 0);
  }

  private static int number(ContentRequest request, String name, int fallback) {
    try {
      return request.parameter(name).map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  private static int clamp(int value, int min, int max) {
    return Math.max(min, Math.min(max, value));
  }
}
