package dev.depot.publish.download;

import java.io.IOException;

/**
 * The proxy, not the feed's server, stopped a request: it could not be reached, it refused the
 * credentials, or it refused to open a tunnel. The message names the proxy by host and port and
 * never carries its credentials.
 */
final class ProxyFailure extends IOException {
  private static final long serialVersionUID = 1L;

  private final boolean retryable;

  private ProxyFailure(String message, boolean retryable, Throwable cause) {
    super(message, cause);
    this.retryable = retryable;
  }

  /** Whether trying again could help (a restarting proxy), as opposed to wrong credentials. */
  boolean retryable() {
    return retryable;
  }

  /** The connection to the proxy itself failed. */
  static ProxyFailure unreachable(DownloadSettings.Proxy proxy, String why, IOException cause) {
    return new ProxyFailure(
        "could not connect to the proxy " + name(proxy) + " (" + why + ")", true, cause);
  }

  /**
   * The proxy answered {@code status} instead of doing what was asked: 407 (or tinyproxy's 401)
   * means the credentials, anything else that it will not go where the feed is.
   */
  static ProxyFailure refused(DownloadSettings.Proxy proxy, int status, String target) {
    String answer = HttpStatus.describe(status);
    if (status == 407 || status == 401) {
      String hint =
          proxy.username() == null
              ? "it wants credentials: set proxy_username and proxy_password"
              : "check proxy_username and proxy_password";
      return new ProxyFailure(
          "the proxy " + name(proxy) + " refused the request (" + answer + "): " + hint,
          false,
          null);
    }
    return new ProxyFailure(
        "the proxy " + name(proxy) + " refused a tunnel to " + target + " (" + answer + ")",
        HttpStatus.isTransient(status),
        null);
  }

  private static String name(DownloadSettings.Proxy proxy) {
    String host = proxy.host().contains(":") ? "[" + proxy.host() + "]" : proxy.host();
    return host + ":" + proxy.port();
  }
}
