package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Lists the releases a Forge's v3 API offers for one module, {@code
 * /v3/releases?module=<author>-<name>}, or for the whole Forge, following {@code pagination.next}
 * to the last page ({@link ForgePageWalk}). A release listed already (two terms found its module)
 * is listed once.
 */
final class ForgeReleases {
  /**
   * Releases listed for one sync at most: the whole public Forge has far fewer, and a hostile one
   * that makes up new releases page after page would otherwise fill the heap with their listings.
   */
  static final int MAX_RELEASES = 1_000_000;

  private final ForgeUrls urls;
  private final ForgePageWalk walk;
  private final int maxReleases;

  ForgeReleases(Downloader downloader, ForgeUrls urls, Path workDir) {
    this(downloader, urls, workDir, MAX_RELEASES);
  }

  /** The same with another bound on the releases listed (tests reach it sooner). */
  ForgeReleases(Downloader downloader, ForgeUrls urls, Path workDir, int maxReleases) {
    this.urls = urls;
    this.walk = new ForgePageWalk(downloader, urls, workDir);
    this.maxReleases = maxReleases;
  }

  /**
   * Every release of module {@code author-name} (every release of the Forge for null), added to
   * {@code into} unless listed already.
   *
   * @return how many releases the Forge listed for it, those listed already included
   * @throws dev.depot.publish.download.DownloadFailure when a page cannot be fetched (a {@code 404}
   *     on the first page: no Forge there)
   * @throws IOException naming the page when it is not the v3 API's JSON
   */
  int list(String module, List<RemoteModule> into, Set<ModuleId> seen)
      throws IOException, InterruptedException {
    int[] found = {0};
    walk.walk(
        urls.releases(module),
        (page, root) -> {
          for (JsonNode json : root.path("results")) {
            RemoteModule release = release(page, json);
            // A Forge that answers more than was asked (one ignoring module=) does not widen the
            // sync: a release stored already would otherwise be associated unasked.
            if (module != null && !Queries.matches(module, release.claimed())) {
              continue;
            }
            found[0]++;
            if (seen.add(release.claimed())) {
              into.add(release);
            }
            if (into.size() > maxReleases) {
              throw new IOException(
                  page + ": the Forge lists more than " + maxReleases + " releases; refused");
            }
          }
        });
    return found[0];
  }

  private RemoteModule release(URI page, JsonNode release) throws IOException {
    JsonNode metadata = release.path("metadata");
    String fileUri = text(release, "file_uri");
    ModuleId id;
    try {
      id = ModuleId.parse(text(metadata, "name"), text(metadata, "version"));
    } catch (IllegalArgumentException e) {
      throw new IOException(page + ": a release's metadata: " + e.getMessage(), e);
    }
    if (fileUri == null) {
      throw new IOException(page + ": release " + id.releaseSlug() + " has no file_uri");
    }
    String fileName = fileUri.substring(fileUri.lastIndexOf('/') + 1);
    JsonNode size = release.path("file_size");
    return new RemoteModule(
        id,
        fileName.isEmpty() ? id.fileName() : fileName,
        urls.resolve(fileUri),
        size.canConvertToLong() ? size.asLong() : -1,
        lower(text(release, "file_sha256")),
        lower(text(release, "file_md5")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() || !value.isValueNode() ? null : value.asText();
  }

  private static String lower(String hex) {
    return hex == null || hex.isEmpty() ? null : hex.toLowerCase(java.util.Locale.ROOT);
  }
}
