package dev.depot.publish.download;

import java.net.URI;
import java.util.Locale;

/** Where a request goes: scheme, host and port; kept-alive connections are pooled by it. */
record Origin(boolean https, String host, int port) {
  static Origin of(URI uri) {
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    String host = uri.getHost();
    if (host == null) {
      throw new IllegalArgumentException("no host in " + uri);
    }
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1); // an IPv6 literal
    }
    int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
    return new Origin(https, host, port);
  }

  String key() {
    return (https ? "https://" : "http://") + host + ":" + port;
  }

  /** The {@code Host} field, which is also the authority of a {@code CONNECT}. */
  String hostHeader() {
    String name = host.contains(":") ? "[" + host + "]" : host;
    return port == (https ? 443 : 80) ? name : name + ":" + port;
  }

  /** {@code host:port} with the port always there, as a {@code CONNECT} request names it. */
  String authority() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
