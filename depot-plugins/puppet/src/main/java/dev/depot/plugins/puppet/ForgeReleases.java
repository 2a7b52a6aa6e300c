package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.download.Downloader.Expected;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Lists the releases a Forge's v3 API offers for a sync's query terms: {@code
 * /v3/releases?module=<author>-<name>} for a module term, {@code ?owner=<author>} for an author,
 * the whole Forge without terms, following {@code pagination.next} to the last page. A release two
 * terms name is listed once. Pages are small JSON documents, downloaded one at a time into the
 * sync's working directory and read whole.
 */
final class ForgeReleases {
  /**
   * Pages read for one term at most: a Forge whose next page never ends is not followed forever.
   */
  static final int MAX_PAGES = 100_000;

  /**
   * Releases listed for one sync at most: the whole public Forge has far fewer, and a hostile one
   * that makes up new releases page after page would otherwise fill the heap with their listings.
   */
  static final int MAX_RELEASES = 1_000_000;

  /**
   * The largest page read: the Forge's pages of 100 releases, readmes and all, are a few megabytes;
   * a larger one (a hostile Forge's) would be read whole into memory, so it is refused.
   */
  static final long MAX_PAGE_BYTES = 32L << 20;

  private final Downloader downloader;
  private final ForgeUrls urls;
  private final Path workDir;
  private final int maxReleases;
  private int pages;

  ForgeReleases(Downloader downloader, ForgeUrls urls, Path workDir) {
    this(downloader, urls, workDir, MAX_RELEASES);
  }

  /** The same with another bound on the releases listed (tests reach it sooner). */
  ForgeReleases(Downloader downloader, ForgeUrls urls, Path workDir, int maxReleases) {
    this.downloader = downloader;
    this.urls = urls;
    this.workDir = workDir;
    this.maxReleases = maxReleases;
  }

  /**
   * Every release of the term's pages (every release of the Forge for null), added to {@code into}
   * unless listed already.
   *
   * @throws dev.depot.publish.download.DownloadFailure when a page cannot be fetched (a {@code 404}
   *     on the first page: no Forge there)
   * @throws IOException naming the page when it is not the v3 API's JSON
   */
  void list(String term, List<RemoteModule> into, Set<ModuleId> seen)
      throws IOException, InterruptedException {
    URI page = urls.releases(term);
    Set<String> visited = new HashSet<>();
    while (page != null) {
      // A listing cut short would look complete, and remove_missing would act on it: fail instead.
      if (!visited.add(page.toString())) {
        throw new IOException(page + ": the Forge's next pages lead back to this one, a loop");
      }
      if (visited.size() > MAX_PAGES) {
        throw new IOException(
            page + ": the Forge's pages go on past " + MAX_PAGES + " for one query; refused");
      }
      Path file = workDir.resolve("forge-page-" + ++pages + ".json");
      downloader.fetch(page, file, Expected.atMost(MAX_PAGE_BYTES), n -> {});
      JsonNode root;
      try {
        root = read(page, file);
      } finally {
        Files.deleteIfExists(file);
      }
      for (RemoteModule module : releases(page, root)) {
        // A Forge that answers more than the term asked (one ignoring module= or owner=) does
        // not widen the sync: a release stored already would otherwise be associated unasked.
        if (term != null && !Queries.selects(List.of(term), module.claimed())) {
          continue;
        }
        if (seen.add(module.claimed())) {
          into.add(module);
        }
        if (into.size() > maxReleases) {
          throw new IOException(
              page + ": the Forge lists more than " + maxReleases + " releases; refused");
        }
      }
      JsonNode next = root.path("pagination").path("next");
      page = next.isTextual() && !next.asText().isEmpty() ? urls.resolve(next.asText()) : null;
    }
  }

  /**
   * A downloaded page's JSON, refused unread when over {@link #MAX_PAGE_BYTES}.
   *
   * @throws IOException naming the page when it is too large or not JSON
   */
  static JsonNode read(URI page, Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_PAGE_BYTES) {
      throw new IOException(
          page
              + " is "
              + size
              + " bytes, more than a Forge page's "
              + MAX_PAGE_BYTES
              + ": refused");
    }
    try {
      return ModuleRelease.JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new IOException(page + " is not a Forge v3 releases page: " + e.getMessage(), e);
    }
  }

  private List<RemoteModule> releases(URI page, JsonNode root) throws IOException {
    JsonNode results = root.path("results");
    if (!results.isArray()) {
      throw new IOException(page + " is not a Forge v3 releases page: it has no results list");
    }
    List<RemoteModule> modules = new ArrayList<>();
    for (JsonNode release : results) {
      modules.add(release(page, release));
    }
    return modules;
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
