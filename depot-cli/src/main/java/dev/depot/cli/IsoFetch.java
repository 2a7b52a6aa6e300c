package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.DownloadSettings;
import dev.depot.publish.download.Downloader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Downloads a bound file repository the way its config says: {@code PULP_MANIFEST} first, then
 * every file it lists, each checked against the manifest's size and SHA-256 before it takes its
 * place in the destination (a bad file never appears there). The bytes travel through the same
 * {@link Downloader} a server's sync uses: kept-alive connections, retries, atomic placement.
 */
final class IsoFetch {
  /** One manifest line: {@code name,sha256,size}. */
  record Entry(String name, String sha256, long size) {}

  /** What a fetch did. */
  record Result(int files, long bytes, String url) {}

  private final DownloadSettings settings;
  private final URI base;
  private final String manifest;

  /**
   * @param repoConfig the repos.d config a bind wrote
   * @param identity the consumer's key and certificate, presented over HTTPS
   */
  IsoFetch(JsonNode repoConfig, Path identity) {
    JsonNode urls = repoConfig.path("urls");
    if (urls.hasNonNull("https")) {
      base = URI.create(urls.path("https").asText());
      settings = BoundTls.https(repoConfig, identity);
    } else if (urls.hasNonNull("http")) {
      base = URI.create(urls.path("http").asText());
      settings = DownloadSettings.defaults();
    } else {
      throw new IllegalArgumentException(
          "the binding offers no URL: the distributor serves neither http nor https");
    }
    manifest = repoConfig.path("manifest").asText("PULP_MANIFEST");
  }

  Result fetchInto(Path dest) throws IOException, InterruptedException {
    Path root = dest.toAbsolutePath().normalize();
    Files.createDirectories(root);
    try (Downloader downloader = new Downloader(settings)) {
      List<Entry> entries = parse(manifestText(downloader, root));
      long bytes = 0;
      for (Entry entry : entries) {
        Path target = root.resolve(entry.name()).normalize();
        if (!target.startsWith(root) || target.equals(root)) {
          throw new IllegalArgumentException("the manifest names a path outside: " + entry.name());
        }
        download(downloader, entry, target);
        bytes += entry.size();
      }
      return new Result(entries.size(), bytes, base.toString());
    }
  }

  static List<Entry> parse(String manifest) {
    List<Entry> entries = new ArrayList<>();
    for (String line : manifest.split("\r?\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] parts = line.split(",");
      if (parts.length != 3) {
        throw new IllegalArgumentException("bad PULP_MANIFEST line: " + line);
      }
      entries.add(
          new Entry(
              parts[0],
              parts[1].toLowerCase(java.util.Locale.ROOT),
              Long.parseLong(parts[2].trim())));
    }
    return entries;
  }

  /** The manifest's text, fetched beside the files and not left among them. */
  private String manifestText(Downloader downloader, Path root)
      throws IOException, InterruptedException {
    Path temp = Files.createTempFile(root, ".manifest", ".part");
    try {
      downloader.fetch(base.resolve(manifest), temp);
      return Files.readString(temp, StandardCharsets.UTF_8);
    } catch (DownloadFailure e) {
      if (e.responseCode().orElse(0) == 403) {
        throw new IllegalArgumentException(
            e.getMessage()
                + ": the repository is protected (its distributor's ssl_auth_ca_cert) and this"
                + " machine's certificate is not one of that CA's. Bound over HTTPS, it presents"
                + " its consumer certificate, which Depot's own CA issued: accepted only where"
                + " ssl_auth_ca_cert is Depot's CA (<data-dir>/tls/ca.crt).",
            e);
      }
      throw e;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  private void download(Downloader downloader, Entry entry, Path target)
      throws IOException, InterruptedException {
    URI uri = base.resolve(entry.name());
    try {
      downloader.fetch(uri, target, new Downloader.Expected(entry.size(), entry.sha256()), n -> {});
    } catch (DownloadFailure.Mismatch e) {
      throw new IllegalArgumentException(
          entry.name() + " does not match PULP_MANIFEST: " + e.reason(), e);
    }
  }
}
