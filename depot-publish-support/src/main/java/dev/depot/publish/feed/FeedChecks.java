package dev.depot.publish.feed;

import static dev.depot.publish.feed.FeedKeys.FEED;
import static dev.depot.publish.feed.FeedKeys.PROXY_HOST;
import static dev.depot.publish.feed.FeedKeys.PROXY_PASSWORD;
import static dev.depot.publish.feed.FeedKeys.PROXY_PORT;
import static dev.depot.publish.feed.FeedKeys.PROXY_USERNAME;
import static dev.depot.publish.feed.FeedKeys.SSL_CA_CERT;
import static dev.depot.publish.feed.FeedKeys.SSL_CLIENT_CERT;
import static dev.depot.publish.feed.FeedKeys.SSL_CLIENT_KEY;

import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.files.LocalPaths;
import dev.depot.publish.tls.Pem;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks of the shared feed keys whose values need more than a type check. */
final class FeedChecks {
  // Letters, digits, dots and dashes: a DNS name or an IPv4 address.
  private static final Pattern HOST_NAME =
      Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.\\-]*[A-Za-z0-9])?");

  private FeedChecks() {}

  static void feed(ConfigCheck check) {
    String feed = check.string(FEED);
    if (feed == null) {
      return;
    }
    URI uri;
    try {
      uri = new URI(feed);
    } catch (URISyntaxException e) {
      check.problem(FEED, "feed is not a valid URL: " + e.getReason());
      return;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    switch (scheme) {
      case "http", "https" -> {
        if (uri.getHost() == null) {
          check.problem(FEED, "feed must name a host, e.g. https://example.com/repo/");
        }
      }
      case "file" -> {
        if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
          check.problem(FEED, "a file:// feed must be an absolute path, e.g. file:///srv/repo/");
        } else {
          LocalPaths.refusedForReading(Path.of(uri.getPath()))
              .ifPresent(why -> check.problem(FEED, "feed " + why + "; refused"));
        }
      }
      default -> check.problem(FEED, "feed must be an http://, https:// or file:// URL");
    }
    if (uri.getRawUserInfo() != null) {
      check.problem(
          FEED, "feed must not carry credentials; use basic_auth_username and basic_auth_password");
    }
  }

  static void tls(ConfigCheck check) {
    String ca = check.string(SSL_CA_CERT);
    if (ca != null && !Pem.isCertificates(ca)) {
      check.problem(SSL_CA_CERT, "ssl_ca_cert must be PEM-encoded X.509 certificate(s)");
    }
    String cert = check.string(SSL_CLIENT_CERT);
    if (cert != null && !Pem.isCertificates(cert)) {
      check.problem(SSL_CLIENT_CERT, "ssl_client_cert must be a PEM-encoded X.509 certificate");
    }
    String key = check.string(SSL_CLIENT_KEY);
    if (key != null && !Pem.isPrivateKey(key)) {
      check.problem(
          SSL_CLIENT_KEY,
          "ssl_client_key must be an unencrypted PEM-encoded RSA or EC private key");
    }
    check.requiresAlso(SSL_CLIENT_KEY, SSL_CLIENT_CERT);
    check.requiresAlso(SSL_CLIENT_CERT, SSL_CLIENT_KEY);
  }

  static void proxy(ConfigCheck check) {
    String host = check.string(PROXY_HOST);
    if (host != null && !isProxyHost(host)) {
      check.problem(
          PROXY_HOST,
          "proxy_host must be a host name or an http:// or https:// URL without credentials"
              + " (use proxy_username and proxy_password)");
    }
    check.number(PROXY_PORT, 1, 65535);
    check.requiresAlso(PROXY_PORT, PROXY_HOST);
    check.string(PROXY_USERNAME);
    check.string(PROXY_PASSWORD);
    check.requiresAlso(PROXY_USERNAME, PROXY_PASSWORD);
    check.requiresAlso(PROXY_PASSWORD, PROXY_USERNAME);
    check.requiresAlso(PROXY_USERNAME, PROXY_HOST);
    check.requiresAlso(PROXY_PASSWORD, PROXY_HOST);
  }

  /** A bare host name or IP address, or an http(s) URL naming one (as Pulp's proxies took). */
  private static boolean isProxyHost(String host) {
    if (HOST_NAME.matcher(host).matches() || host.matches("\\[[0-9A-Fa-f:.]+]")) {
      return true;
    }
    try {
      URI uri = new URI(host);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && uri.getRawUserInfo() == null
          && (uri.getRawPath() == null
              || uri.getRawPath().isEmpty()
              || uri.getRawPath().equals("/"))
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
