package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.download.DownloadSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a fetch reaches a bound repository over HTTPS: the CA the bind wrote, the consumer's own
 * identity.
 */
final class BoundTls {
  private BoundTls() {}

  /**
   * @param repoConfig the repos.d config a bind wrote, with its {@code ca_cert} file
   * @param identity the consumer's key and certificate, presented when it exists
   */
  static DownloadSettings https(JsonNode repoConfig, Path identity) {
    DownloadSettings defaults = DownloadSettings.defaults();
    String ca = read(Path.of(repoConfig.path("ca_cert").asText()));
    // The identity file holds the key and its certificate: it serves as both.
    String pem = Files.isRegularFile(identity) ? read(identity) : null;
    return new DownloadSettings(
        true, ca, pem, pem, null, null, null, 0, defaults.timeout(), defaults.attempts());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
