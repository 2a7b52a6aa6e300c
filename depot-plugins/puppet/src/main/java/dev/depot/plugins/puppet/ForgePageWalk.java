package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.download.Downloader.Expected;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Follows one of a Forge's v3 listings ({@code /v3/releases}, {@code /v3/modules}) from its first
 * page through {@code pagination.next} to the last. Pages are small JSON documents, downloaded one
 * at a time into the sync's working directory and read whole. A listing cut short would look
 * complete, and {@code remove_missing} would act on it: a next page leading back, or pages going on
 * past {@link #MAX_PAGES}, fail the walk instead.
 */
final class ForgePageWalk {
  /** What reads each page of a listing. */
  interface PageReader {
    /**
     * Takes one page.
     *
     * @throws IOException naming the page when it is not what the listing's pages are
     */
    void read(URI page, JsonNode root) throws IOException;
  }

  /** Pages read for one listing at most: a next page that never ends is not followed forever. */
  static final int MAX_PAGES = 100_000;

  /**
   * The largest page read: the Forge's pages of 100 releases, readmes and all, are a few megabytes;
   * a larger one (a hostile Forge's) would be read whole into memory, so it is refused.
   */
  static final long MAX_PAGE_BYTES = 32L << 20;

  private final Downloader downloader;
  private final ForgeUrls urls;
  private final Path workDir;
  private int pages;

  ForgePageWalk(Downloader downloader, ForgeUrls urls, Path workDir) {
    this.downloader = downloader;
    this.urls = urls;
    this.workDir = workDir;
  }

  /**
   * Hands every page from {@code first} on to {@code reader}.
   *
   * @throws dev.depot.publish.download.DownloadFailure when a page cannot be fetched
   * @throws IOException naming the page when it is not JSON, or the pages loop or never end
   */
  void walk(URI first, PageReader reader) throws IOException, InterruptedException {
    URI page = first;
    Set<String> visited = new HashSet<>();
    while (page != null) {
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
      if (!root.path("results").isArray()) {
        throw new IOException(page + " is not a Forge v3 listing: it has no results list");
      }
      reader.read(page, root);
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
      throw new IOException(page + " is not a Forge v3 page: " + e.getMessage(), e);
    }
  }
}
