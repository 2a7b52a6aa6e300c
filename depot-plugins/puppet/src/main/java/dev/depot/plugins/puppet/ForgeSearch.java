package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The modules a Forge's own search finds for a free-text query term, {@code
 * /v3/modules?query=<term>}, every page of it: what {@code puppet module search} asks, and the
 * successor of the {@code modules.json?q=<term>} Pulp sent each query to. Which modules match is
 * the Forge's to say (the public Forge matches names, owners, tags and more); the sync then lists
 * each module's releases as it does for an {@code author-name} term.
 */
final class ForgeSearch {
  /**
   * Modules found for one term at most: the whole public Forge has fewer than ten thousand, and a
   * hostile Forge making up new ones page after page would otherwise fill the heap.
   */
  static final int MAX_MODULES = 100_000;

  private final ForgeUrls urls;
  private final ForgePageWalk walk;

  ForgeSearch(Downloader downloader, ForgeUrls urls, Path workDir) {
    this.urls = urls;
    this.walk = new ForgePageWalk(downloader, urls, workDir);
  }

  /**
   * The slugs ({@code author-name}) of the modules the Forge finds for {@code text}, in its order.
   *
   * @throws dev.depot.publish.download.DownloadFailure when a page cannot be fetched (a {@code 404}
   *     on the first page: no Forge there, or one without a search)
   * @throws IOException naming the page when it is not a v3 modules page
   */
  Set<String> find(String text) throws IOException, InterruptedException {
    Set<String> slugs = new LinkedHashSet<>();
    walk.walk(
        urls.search(text),
        (page, root) -> {
          for (JsonNode module : root.path("results")) {
            slugs.add(slug(page, module));
            if (slugs.size() > MAX_MODULES) {
              throw new IOException(
                  page + ": the Forge finds more than " + MAX_MODULES + " modules; refused");
            }
          }
        });
    return slugs;
  }

  /**
   * A found module's {@code author-name}: its owner's user name and its name, as puppet reads it.
   */
  private static String slug(URI page, JsonNode module) throws IOException {
    String owner = module.path("owner").path("username").asText("");
    String name = module.path("name").asText("");
    String slug =
        owner.isEmpty() || name.isEmpty() ? module.path("slug").asText("") : owner + "-" + name;
    try {
      // Checked as a release's name would be: it goes into the next request's URL.
      return ModuleId.parse(slug, "0.0.0").slug();
    } catch (IllegalArgumentException e) {
      throw new IOException(page + ": a module the Forge found: " + e.getMessage(), e);
    }
  }
}
