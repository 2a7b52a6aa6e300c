package dev.depot.server;

import dev.depot.server.config.ServerConfig;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** How a server names itself: to clients (its URLs and TLS name) and to other workers. */
final class ServerAddresses {
  private ServerAddresses() {}

  /** The URL clients reach a listener at. */
  static URI baseUrl(String scheme, ServerConfig config, int port) {
    String host = hostName(config);
    if (host.contains(":")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return URI.create(scheme + "://" + host + ":" + port + "/");
  }

  /** The bind address, or this host's name when bound to every address. */
  static String hostName(ServerConfig config) {
    String host = config.bindAddress();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      try {
        return InetAddress.getLocalHost().getCanonicalHostName();
      } catch (UnknownHostException e) {
        return "localhost";
      }
    }
    return host;
  }

  /** The name this server's workers take in the task queue. */
  static String workerName(ServerConfig config) {
    if (config.workerName() != null) {
      return config.workerName();
    }
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    // Stable across restarts of the same server, so a restart fails what it left running.
    return "depot@"
        + host
        + ":"
        + (config.port() == 0 ? ProcessHandle.current().pid() : config.port());
  }
}
