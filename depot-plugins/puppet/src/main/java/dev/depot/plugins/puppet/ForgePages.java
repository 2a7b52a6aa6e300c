package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.depot.plugin.ContentRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Listings of several modules' releases, built from the per-module pages a publish wrote: all of a
 * repository's releases, or an owner's. They are paged by module ({@code limit} modules per answer,
 * {@code offset} modules skipped), so an answer never reads more than {@code limit} pages; clients
 * follow {@code pagination.next}, as puppet and Depot's importer do.
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

  /** The releases of {@code limit} modules from {@code offset}, of one owner if asked. */
  static String listing(Path tree, ContentRequest request) throws IOException {
    String owner = request.parameter("owner").orElse(null);
    int limit = clamp(number(request, "limit", DEFAULT_LIMIT), 1, MAX_LIMIT);
    int offset = Math.max(number(request, "offset", 0), 0);
    List<Path> pages = pages(tree, owner);
    ArrayNode results = ModuleRelease.JSON.createArrayNode();
    for (Path page :
        pages.subList(Math.min(offset, pages.size()), Math.min(offset + limit, pages.size()))) {
      JsonNode releases = ModuleRelease.JSON.readTree(page.toFile()).path("results");
      releases.forEach(results::add);
    }
    String next = null;
    if (offset + limit < pages.size()) {
      next =
          "/v3/releases?"
              + (owner == null ? "" : "owner=" + owner + "&")
              + "limit="
              + limit
              + "&offset="
              + (offset + limit);
    }
    ObjectNode answer = ModuleRelease.JSON.createObjectNode();
    answer.set("pagination", pagination(limit, offset, "/v3/releases", next));
    answer.set("results", results);
    return ModuleRelease.JSON.writeValueAsString(answer);
  }

  private static List<Path> pages(Path tree, String owner) throws IOException {
    Path dir = tree.resolve(ForgeJson.releasesPath("x")).getParent();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .filter(f -> owner == null || ownedBy(f.getFileName().toString(), owner))
          .sorted()
          .toList();
    }
  }

  /**
   * Whether the page {@code <author>-<name>.json} is {@code owner}'s: without case, as the Forge
   * compares user names and as Depot's importer selects authors.
   */
  private static boolean ownedBy(String page, String owner) {
    int dash = page.indexOf('-');
    return dash == owner.length() && page.regionMatches(true, 0, owner, 0, dash);
  }

  private static ObjectNode pagination(int limit, int offset, String current, String next) {
    ObjectNode pagination = ModuleRelease.JSON.createObjectNode();
    pagination.put("limit", limit);
    pagination.put("offset", offset);
    pagination.put("first", current);
    pagination.putNull("previous");
    pagination.put("current", current);
    pagination.put("next", next);
    pagination.putNull("total"); // counted by module, not by release: not known without reading all
    return pagination;
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
