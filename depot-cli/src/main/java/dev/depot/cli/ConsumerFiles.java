package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.depot.publish.files.AtomicMove;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where a consumer machine keeps what the server gave it, under a root ({@code /} on a real
 * machine, a scratch directory in tests):
 *
 * <ul>
 *   <li>{@code etc/pki/depot/consumer/consumer-cert.pem}: its key and certificate (owner only);
 *   <li>{@code etc/pki/depot/consumer/server-ca.pem}: the CA that signs the server's certificate;
 *   <li>{@code etc/depot/consumer.conf}: its id and the server's HTTPS URL (JSON);
 *   <li>{@code etc/depot/repos.d/<repo>.conf} and {@code <repo>-ca.pem}: what a bind wrote.
 * </ul>
 */
final class ConsumerFiles {
  private final Path root;

  ConsumerFiles(String root) {
    this.root = Path.of(root == null ? "/" : root).toAbsolutePath();
  }

  Path pkiDir() {
    return root.resolve("etc/pki/depot/consumer");
  }

  Path identity() {
    return pkiDir().resolve("consumer-cert.pem");
  }

  Path serverCa() {
    return pkiDir().resolve("server-ca.pem");
  }

  Path config() {
    return root.resolve("etc/depot/consumer.conf");
  }

  Path reposDir() {
    return root.resolve("etc/depot/repos.d");
  }

  Path repoConfig(String repoId) {
    return reposDir().resolve(checkName(repoId) + ".conf");
  }

  Path repoCa(String repoId) {
    return reposDir().resolve(checkName(repoId) + "-ca.pem");
  }

  private static String checkName(String repoId) {
    if (!repoId.matches("[A-Za-z0-9._\\-]+") || repoId.matches("\\.+")) {
      throw new IllegalArgumentException("not a repository id: " + repoId);
    }
    return repoId;
  }

  /** The registered consumer's settings; refuses when this machine is not registered. */
  JsonNode registration() {
    if (!Files.isRegularFile(config())) {
      throw new IllegalArgumentException(
          "this machine is not registered as a consumer (no "
              + config()
              + "); run: depot consumer register --id ID");
    }
    return read(config());
  }

  /** A client speaking to the server's API as this consumer, by its certificate. */
  ApiClient consumerApi() {
    JsonNode registration = registration();
    String id = registration.path("id").asText();
    // Not the admin password's hint: the server stops taking a consumer's certificate once the
    // consumer is unregistered or registered again (from another machine, say).
    return new ApiClient(
            registration.path("https_url").asText(), ConsumerTls.context(serverCa(), identity()))
        .explainingRefusal(
            "The server refused this machine's consumer certificate ("
                + identity()
                + "): consumer "
                + id
                + " was unregistered, or registered again, since it was issued. To register this"
                + " machine again: depot consumer unregister (it then removes this machine's"
                + " files only), then depot consumer register --id "
                + id);
  }

  /**
   * Unregisters consumer {@code id} through {@code client}; false when {@code self} and the server
   * refuses this machine's own certificate, which it does once the consumer was unregistered (or
   * registered again elsewhere): nothing is left to unregister there, and register refuses while
   * the machine's files remain, so the caller removes them without the server's word.
   */
  static boolean unregister(ApiClient client, String id, boolean self) {
    try {
      client.delete("consumers/" + id + "/");
      return true;
    } catch (ApiClient.ApiException e) {
      if (!self || e.status() != 401) {
        throw e;
      }
      return false;
    }
  }

  static JsonNode read(Path file) {
    try {
      return ApiClient.JSON.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
    }
  }

  static void writeJson(Path file, ObjectNode json, boolean secret) {
    try {
      write(
          file,
          ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n",
          secret);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes a file atomically; a secret one is readable by its owner only from the start. */
  static void write(Path file, String text, boolean secret) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".tmp");
      try {
        if (secret) {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
        } else {
          Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
        }
      } catch (UnsupportedOperationException e) {
        // not a POSIX file system: the platform's defaults apply
      }
      Files.writeString(temp, text);
      // A consumer's key and the server's CA: a crash must not leave either half written.
      AtomicMove.replaceFile(temp, file, AtomicMove.Durability.SYNCED);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static boolean delete(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + file, e);
    }
  }
}
