package dev.depot.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One place a publish can be reached, as the distributor reported it in its {@link PublishReport}.
 * The platform stores the locations of each distributor's last successful publish, so that nothing
 * needs to guess a path from config keys again: a sibling distributor reads them through {@link
 * PublishConduit#publishedLocations}, a consumer payload through {@link
 * Distributor#createConsumerPayload(Repository, PluginCallConfiguration, java.util.Map,
 * java.util.List)}, and users in the distributor's REST document ({@code published_locations}).
 *
 * @param protocol how clients reach it, lower case: {@code http}, {@code https}, {@code rsync},
 *     {@code file}, ...
 * @param servedPath what clients ask for, in the protocol's own terms: for {@code http} and {@code
 *     https} the URL path from the server's root, e.g. {@code /pulp/isos/zoo/}; for {@code rsync}
 *     (over ssh) what to give rsync, {@code user@host:/path/}, after {@code -e 'ssh -p 2222'} when
 *     ssh listens on a port other than 22
 * @param treePath the local directory holding what is served there (absolute), or null when the
 *     tree is not on this host (e.g. pushed to a remote)
 */
public record PublishedLocation(String protocol, String servedPath, Path treePath) {
  /** Checks the protocol and path, and that a tree path is absolute. */
  public PublishedLocation {
    Objects.requireNonNull(protocol, "protocol");
    Objects.requireNonNull(servedPath, "servedPath");
    if (protocol.isEmpty() || !protocol.equals(protocol.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("protocol must be lower case and not empty: " + protocol);
    }
    if (treePath != null && !treePath.isAbsolute()) {
      throw new IllegalArgumentException("treePath must be absolute: " + treePath);
    }
  }
}
