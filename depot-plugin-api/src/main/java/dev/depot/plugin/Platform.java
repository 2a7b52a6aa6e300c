package dev.depot.plugin;

import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Where this server keeps and serves what distributors publish, handed to every plugin instance
 * through {@link Importer#init} and {@link Distributor#init} before any other call.
 *
 * <p>The content server maps {@code <publishRoot>/http/<path>} to {@code http://.../pulp/<path>}
 * and {@code <publishRoot>/https/<path>} to {@code https://.../pulp/<path>}; a distributor that
 * publishes for Pulp's {@code /pulp/isos/} URLs therefore links its tree at {@code
 * <publishRoot>/https/isos/<relative_url>}. Built trees live under {@code <publishRoot>/master/}.
 *
 * @param publishRoot the root of every published tree (absolute)
 * @param httpUrl the base URL of the content server's HTTP listener, e.g. {@code
 *     http://depot.example.com/}, or null when it has none
 * @param httpsUrl the base URL of the HTTPS listener, or null when it has none
 * @param caCertificatePem the CA certificate (PEM) clients need to trust the HTTPS listener, or
 *     null when its certificate is signed by a public CA
 */
public record Platform(Path publishRoot, URI httpUrl, URI httpsUrl, String caCertificatePem) {
  /** Checks that the publish root is absolute. */
  public Platform {
    Objects.requireNonNull(publishRoot, "publishRoot");
    if (!publishRoot.isAbsolute()) {
      throw new IllegalArgumentException("publishRoot must be absolute: " + publishRoot);
    }
  }

  /** A platform publishing under a directory, with no content server (tests, tools). */
  public static Platform publishingUnder(Path publishRoot) {
    return new Platform(publishRoot.toAbsolutePath(), null, null, null);
  }

  /** The directory the content server serves over one protocol ({@code http} or {@code https}). */
  public Path servedRoot(String protocol) {
    if (!protocol.equals("http") && !protocol.equals("https")) {
      throw new IllegalArgumentException("protocol must be http or https: " + protocol);
    }
    return publishRoot.resolve(protocol);
  }

  /**
   * Where one distributor keeps the trees it builds; the platform never serves this directory
   * itself, only the links that point into it. Each distributor has its own, so pruning one's old
   * trees never touches another's.
   */
  public Path masterDir(String distributorTypeId, String repoId, String distributorId) {
    return publishRoot
        .resolve("master")
        .resolve(distributorTypeId)
        .resolve(repoId)
        .resolve(distributorId);
  }

  /** The base URL of a protocol's listener, if the server has one. */
  public Optional<URI> baseUrl(String protocol) {
    return Optional.ofNullable(protocol.equals("https") ? httpsUrl : httpUrl);
  }
}
