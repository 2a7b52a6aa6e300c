package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.DownloadSettings;
import dev.depot.publish.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Downloads every module release of a bound puppet repository into a flat directory: the Forge
 * API's {@code /v3/releases} listing, page after page as {@code pagination.next} says, then each
 * release's {@code file_uri}, checked against its size and {@code file_sha256} before it takes its
 * place (the {@link Downloader} writes beside the target and renames only a verified file).
 */
final class PuppetFetch {
  /** A release file name, {@code <author>-<name>-<version>.tar.gz}: never a path. */
  private static final Pattern FILE =
      Pattern.compile("[A-Za-z0-9]+-[a-z][a-z0-9_]*-[0-9A-Za-z.+\\-]+\\.tar\\.gz");

  /** One release to download. */
  record Release(String file, String uri, long size, String sha256) {}

  /** What a fetch did. */
  record Result(int files, long bytes, String url) {}

  private final DownloadSettings settings;
  private final String base;

  PuppetFetch(JsonNode repoConfig, Path identity) {
    JsonNode forges = repoConfig.path("module_repositories");
    if (forges.hasNonNull("https")) {
      base = trimmed(forges.path("https").asText());
      settings = BoundTls.https(repoConfig, identity);
    } else if (forges.hasNonNull("http")) {
      base = trimmed(forges.path("http").asText());
      settings = DownloadSettings.defaults();
    } else {
      throw new IllegalArgumentException(
          "the binding offers no Forge API URL: the distributor serves neither http nor https");
    }
  }

  private static String trimmed(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  Result fetchInto(Path dest) throws IOException, InterruptedException {
    Path root = dest.toAbsolutePath().normalize();
    Files.createDirectories(root);
    try (Downloader downloader = new Downloader(settings)) {
      List<Release> releases = list(downloader, root);
      long bytes = 0;
      for (Release release : releases) {
        download(downloader, release, root.resolve(release.file()));
        bytes += release.size();
      }
      return new Result(releases.size(), bytes, base);
    }
  }

  /** Every release the listing names, following {@code pagination.next} (relative to base). */
  private List<Release> list(Downloader downloader, Path root)
      throws IOException, InterruptedException {
    List<Release> releases = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    String next = "/v3/releases?limit=100";
    while (next != null) {
      if (!seen.add(next)) {
        throw new IllegalArgumentException("the Forge API's pages loop at " + next);
      }
      JsonNode page = page(downloader, root, next);
      for (JsonNode release : page.path("results")) {
        releases.add(release(release));
      }
      JsonNode link = page.path("pagination").path("next");
      next = link.isTextual() && !link.asText().isEmpty() ? link.asText() : null;
    }
    return releases;
  }

  static Release release(JsonNode release) {
    String uri = release.path("file_uri").asText();
    String file = uri.substring(uri.lastIndexOf('/') + 1);
    if (!uri.startsWith("/") || !FILE.matcher(file).matches()) {
      throw new IllegalArgumentException("the Forge API names a bad release file: " + uri);
    }
    return new Release(
        file,
        uri,
        release.path("file_size").asLong(-1),
        release.path("file_sha256").asText().toLowerCase(java.util.Locale.ROOT));
  }

  /** A listing page, read from a temporary file beside the tarballs and not left among them. */
  private JsonNode page(Downloader downloader, Path root, String path)
      throws IOException, InterruptedException {
    Path temp = Files.createTempFile(root, ".forge", ".part");
    try {
      downloader.fetch(URI.create(base + path), temp);
      return ApiClient.JSON.readTree(temp.toFile());
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void download(Downloader downloader, Release release, Path target)
      throws IOException, InterruptedException {
    try {
      downloader.fetch(
          URI.create(base + release.uri()),
          target,
          new Downloader.Expected(release.size(), release.sha256()),
          n -> {});
    } catch (DownloadFailure.Mismatch e) {
      throw new IllegalArgumentException(
          release.file() + " does not match the Forge API's file_sha256: " + e.reason(), e);
    }
  }
}
