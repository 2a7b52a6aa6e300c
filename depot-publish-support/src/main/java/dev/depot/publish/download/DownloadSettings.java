package dev.depot.publish.download;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link Downloader} reaches a feed: TLS trust and client identity, proxy, credentials,
 * speed. Built from an importer's configuration; nothing here is ever logged or reported.
 *
 * @param validateTls whether the server's certificate and host name are checked (Pulp's {@code
 *     ssl_validation})
 * @param caCertificatesPem extra CA certificates to trust (PEM), or null for the JDK's own
 * @param clientCertificatePem a client certificate to present (PEM), or null
 * @param clientKeyPem the client certificate's private key (PEM), or null
 * @param proxy the proxy every request goes through, or null
 * @param basicAuthUsername user name for HTTP basic authentication on the feed, or null
 * @param basicAuthPassword its password, or null
 * @param maxBytesPerSecond a cap on the sum of all downloads' speed, or 0 for none
 * @param timeout how long a connect or a silent read may take
 * @param attempts how many times a request is tried when the connection fails or the server answers
 *     5xx
 * @param feed the feed these downloads are for, or null for none: when its host is on the internet,
 *     no download connects directly to a loopback, link-local or private address (a hostile feed
 *     could otherwise name a service on the server's own network in a listing or a redirect); a
 *     feed on a private network, or a {@code file://} one, reaches that network
 */
public record DownloadSettings(
    boolean validateTls,
    String caCertificatesPem,
    String clientCertificatePem,
    String clientKeyPem,
    Proxy proxy,
    String basicAuthUsername,
    String basicAuthPassword,
    long maxBytesPerSecond,
    Duration timeout,
    int attempts,
    URI feed) {

  /** Checks the numbers and that a client certificate comes with its key. */
  public DownloadSettings {
    Objects.requireNonNull(timeout, "timeout");
    if (maxBytesPerSecond < 0) {
      throw new IllegalArgumentException("maxBytesPerSecond must not be negative");
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if ((clientCertificatePem == null) != (clientKeyPem == null)) {
      throw new IllegalArgumentException("a client certificate needs its key, and the other way");
    }
  }

  /** Settings for downloads that are no feed's: any address may be reached. */
  public DownloadSettings(
      boolean validateTls,
      String caCertificatesPem,
      String clientCertificatePem,
      String clientKeyPem,
      Proxy proxy,
      String basicAuthUsername,
      String basicAuthPassword,
      long maxBytesPerSecond,
      Duration timeout,
      int attempts) {
    this(
        validateTls,
        caCertificatesPem,
        clientCertificatePem,
        clientKeyPem,
        proxy,
        basicAuthUsername,
        basicAuthPassword,
        maxBytesPerSecond,
        timeout,
        attempts,
        null);
  }

  /** Validating TLS with the JDK's CAs, no proxy, no credentials, no speed cap. */
  public static DownloadSettings defaults() {
    return new DownloadSettings(
        true, null, null, null, null, null, null, 0, Duration.ofSeconds(30), 3);
  }

  /** The same settings with a proxy. */
  public DownloadSettings withProxy(Proxy newProxy) {
    return copy(newProxy, feed);
  }

  /** The same settings for downloads of {@code newFeed} (see {@link #feed()}). */
  public DownloadSettings forFeed(URI newFeed) {
    return copy(proxy, newFeed);
  }

  private DownloadSettings copy(Proxy newProxy, URI newFeed) {
    return new DownloadSettings(
        validateTls,
        caCertificatesPem,
        clientCertificatePem,
        clientKeyPem,
        newProxy,
        basicAuthUsername,
        basicAuthPassword,
        maxBytesPerSecond,
        timeout,
        attempts,
        newFeed);
  }

  /**
   * An HTTP proxy.
   *
   * @param host its host name or address
   * @param port its port
   * @param username user name for proxy authentication, or null
   * @param password its password, or null
   */
  public record Proxy(String host, int port, String username, String password) {
    /** Checks host and port. */
    public Proxy {
      Objects.requireNonNull(host, "host");
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("proxy port out of range: " + port);
      }
    }

    @Override
    public String toString() {
      return "Proxy[" + host + ":" + port + (username == null ? "" : ", with credentials") + "]";
    }
  }

  @Override
  public String toString() {
    // Keys and passwords stay out of every log line and error message.
    return "DownloadSettings[validateTls="
        + validateTls
        + ", proxy="
        + proxy
        + ", maxBytesPerSecond="
        + maxBytesPerSecond
        + ", attempts="
        + attempts
        + ", feed="
        + (feed == null ? null : feed.getScheme() + "://" + feed.getHost())
        + "]";
  }
}
