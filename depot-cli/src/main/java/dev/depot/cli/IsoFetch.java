package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.files.AtomicMove;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * Downloads a bound file repository the way its config says: {@code PULP_MANIFEST} first, then
 * every file it lists, each checked against the manifest's size and SHA-256 before it takes its
 * place in the destination (a bad file never appears there).
 */
final class IsoFetch {
  /** One manifest line: {@code name,sha256,size}. */
  record Entry(String name, String sha256, long size) {}

  /** What a fetch did. */
  record Result(int files, long bytes, String url) {}

  private final HttpClient http;
  private final URI base;
  private final String manifest;

  /**
   * @param repoConfig the repos.d config a bind wrote
   * @param identity the consumer's key and certificate, presented over HTTPS
   */
  IsoFetch(JsonNode repoConfig, Path identity) {
    JsonNode urls = repoConfig.path("urls");
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10));
    if (urls.hasNonNull("https")) {
      base = URI.create(urls.path("https").asText());
      Path ca = Path.of(repoConfig.path("ca_cert").asText());
      SSLContext tls = ConsumerTls.context(ca, Files.isRegularFile(identity) ? identity : null);
      builder.sslContext(tls);
    } else if (urls.hasNonNull("http")) {
      base = URI.create(urls.path("http").asText());
    } else {
      throw new IllegalArgumentException(
          "the binding offers no URL: the distributor serves neither http nor https");
    }
    http = builder.build();
    manifest = repoConfig.path("manifest").asText("PULP_MANIFEST");
  }

  Result fetchInto(Path dest) throws IOException, InterruptedException {
    Path root = dest.toAbsolutePath().normalize();
    Files.createDirectories(root);
    List<Entry> entries = parse(text(base.resolve(manifest)));
    long bytes = 0;
    for (Entry entry : entries) {
      Path target = root.resolve(entry.name()).normalize();
      if (!target.startsWith(root) || target.equals(root)) {
        throw new IllegalArgumentException("the manifest names a path outside: " + entry.name());
      }
      download(entry, target);
      bytes += entry.size();
    }
    return new Result(entries.size(), bytes, base.toString());
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

  private String text(URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(1)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw new IllegalArgumentException("GET " + uri + " answered HTTP " + response.statusCode());
    }
    return response.body();
  }

  private void download(Entry entry, Path target) throws IOException, InterruptedException {
    URI uri = base.resolve(entry.name());
    HttpResponse<InputStream> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(30)).build(),
            HttpResponse.BodyHandlers.ofInputStream());
    Files.createDirectories(target.getParent());
    Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".part");
    try (InputStream in = response.body()) {
      if (response.statusCode() != 200) {
        throw new IllegalArgumentException(
            "GET " + uri + " answered HTTP " + response.statusCode());
      }
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      long size;
      try (OutputStream out = new DigestOutputStream(Files.newOutputStream(temp), sha256)) {
        size = in.transferTo(out);
      }
      String actual = HexFormat.of().formatHex(sha256.digest());
      if (size != entry.size() || !actual.equals(entry.sha256())) {
        throw new IllegalArgumentException(
            entry.name()
                + " does not match PULP_MANIFEST: got "
                + size
                + " bytes with SHA-256 "
                + actual
                + ", expected "
                + entry.size()
                + " bytes with "
                + entry.sha256());
      }
      AtomicMove.replaceFile(temp, target, AtomicMove.Durability.CACHED);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
