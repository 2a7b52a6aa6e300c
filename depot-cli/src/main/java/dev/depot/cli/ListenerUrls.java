package dev.depot.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * A server's listener over the other protocol, as the CLI reaches it: the host of the CLI's own
 * server URL (the name the user reaches the server by) on the port the server's {@code /status/}
 * names for that listener ({@code listeners.https}, say), which may be bound to another name.
 */
final class ListenerUrls {
  private ListenerUrls() {}

  /**
   * {@code protocol://<server's host>:<listener's port>}; empty when the status named no listener
   * or no port for it.
   */
  static Optional<URI> at(URI server, String protocol, String listener) {
    if (listener == null) {
      return Optional.empty();
    }
    try {
      int port = URI.create(listener).getPort();
      return port < 0
          ? Optional.empty()
          : Optional.of(new URI(protocol, null, server.getHost(), port, null, null, null));
    } catch (IllegalArgumentException | URISyntaxException e) {
      return Optional.empty();
    }
  }
}
