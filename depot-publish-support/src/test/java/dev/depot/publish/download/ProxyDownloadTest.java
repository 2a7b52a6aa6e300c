package dev.depot.publish.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.depot.plugin.testkit.Tinyproxy;
import dev.depot.publish.download.Downloader.Expected;
import dev.depot.publish.tls.Pems;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The downloader through a real proxy (tinyproxy) to real servers on sockets: plain HTTP relayed in
 * absolute form, HTTPS through a {@code CONNECT} tunnel with TLS (server check and client
 * certificate) end to end, and the proxy's refusals told in words that name it but not its
 * password.
 */
class ProxyDownloadTest {
  private static final String USER = "mirror";
  private static final String PASSWORD = "proxy-Secret-42";
  private static final byte[] BODY =
      "through the proxy\n".repeat(2000).getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  final List<String> feedAuthorizations = new CopyOnWriteArrayList<>();
  final AtomicInteger requests = new AtomicInteger();
  final AtomicInteger failuresLeft = new AtomicInteger();
  HttpServer http;
  HttpsServer https;
  Tinyproxy proxy;
  static Pems client;
  static KeyStore serverKeys;
  static String serverCertificate;

  /** Made once: keytool takes seconds on a busy machine. */
  @BeforeAll
  static void certificates(@TempDir Path keys) throws Exception {
    client = Pems.generate(keys);
    serverKeys = KeepAliveHttpTest.keyStoreFor(keys, "localhost");
    serverCertificate = Pems.pem("CERTIFICATE", serverKeys.getCertificate("t").getEncoded());
  }

  @BeforeEach
  void start() throws Exception {
    Tinyproxy.assumeInstalled();
    http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    http.createContext("/", this::serve);
    http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    http.start();
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(
        new HttpsConfigurator(serverTls(serverKeys, client.certificate())) {
          @Override
          public void configure(HttpsParameters parameters) {
            parameters.setNeedClientAuth(true); // only a client presenting its certificate
          }
        });
    https.createContext("/", this::serve);
    https.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    https.start();
  }

  @AfterEach
  void stop() throws Exception {
    if (http != null) {
      http.stop(0);
    }
    if (https != null) {
      https.stop(0);
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  private void serve(HttpExchange exchange) throws IOException {
    if (exchange.getRequestURI().getPath().startsWith("/flaky/")
        && failuresLeft.getAndDecrement() > 0) {
      requests.incrementAndGet();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
      return;
    }
    requests.incrementAndGet();
    feedAuthorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
    exchange.sendResponseHeaders(200, BODY.length);
    exchange.getResponseBody().write(BODY);
    exchange.close();
  }

  private static SSLContext serverTls(KeyStore keys, String trustedClient) throws Exception {
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, KeepAliveHttpTest.PASSWORD);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry(
        "client",
        CertificateFactory.getInstance("X.509")
            .generateCertificate(
                new ByteArrayInputStream(trustedClient.getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), null);
    return tls;
  }

  private Downloader downloader(String user, String password) {
    return downloader(new DownloadSettings.Proxy("127.0.0.1", proxy.port(), user, password));
  }

  private Downloader downloader(DownloadSettings.Proxy through) {
    return downloader(through, true, 0);
  }

  private Downloader downloader(DownloadSettings.Proxy through, boolean validate, long speed) {
    return new Downloader(
        new DownloadSettings(
            validate,
            serverCertificate,
            client.certificate(),
            client.privateKey(),
            through,
            "feed",
            "feed-password",
            speed,
            Duration.ofSeconds(10),
            3));
  }

  private static Expected expected() throws Exception {
    return new Expected(
        BODY.length, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(BODY)));
  }

  @Test
  void anHttpFeedIsRelayedByTheProxyWithTheFeedsCredentials() throws Exception {
    proxy = Tinyproxy.start(dir.resolve("proxy"), "BasicAuth " + USER + " " + PASSWORD);
    String base = "http://127.0.0.1:" + http.getAddress().getPort() + "/feed/";

    try (Downloader downloader = downloader(USER, PASSWORD)) {
      for (String name : List.of("a.iso", "b.iso")) {
        downloader.fetch(URI.create(base + name), dir.resolve(name), expected(), n -> {});
      }
    }

    assertThat(dir.resolve("a.iso")).hasBinaryContent(BODY);
    assertThat(dir.resolve("b.iso")).hasBinaryContent(BODY);
    assertThat(proxy.log()).contains("GET " + base + "a.iso", "GET " + base + "b.iso");
    assertThat(feedAuthorizations).containsOnly(HttpStatus.basic("feed", "feed-password"));
  }

  @Test
  void anHttpsFeedIsFetchedThroughOneTunnelPresentingTheClientCertificate() throws Exception {
    proxy = Tinyproxy.start(dir.resolve("proxy"), "BasicAuth " + USER + " " + PASSWORD);
    int port = https.getAddress().getPort();

    try (Downloader downloader = downloader(USER, PASSWORD)) {
      for (String name : List.of("a.iso", "b.iso", "c.iso")) {
        URI uri = URI.create("https://localhost:" + port + "/feed/" + name);
        downloader.fetch(uri, dir.resolve(name), expected(), n -> {});
      }
      // The certificate is checked end to end: reached by a name it does not carry, it fails.
      URI wrongName = URI.create("https://127.0.0.1:" + port + "/feed/d.iso");
      assertThatThrownBy(() -> downloader.fetch(wrongName, dir.resolve("d.iso")))
          .isInstanceOf(DownloadFailure.class)
          .hasMessageContaining("SSLHandshakeException");
    }

    assertThat(dir.resolve("c.iso")).hasBinaryContent(BODY);
    assertThat(dir.resolve("d.iso")).doesNotExist();
    assertThat(requests).hasValue(3);
    assertThat(proxy.log()).contains("CONNECT localhost:" + port);
    // Kept alive inside the tunnel: three downloads, one CONNECT.
    assertThat(proxy.log().split("CONNECT localhost:" + port, -1)).hasSize(2);
    assertThat(feedAuthorizations).containsOnly(HttpStatus.basic("feed", "feed-password"));
  }

  @Test
  void throughATunnelSslValidationOffSpeedCapAndRetriesStillApply() throws Exception {
    proxy = Tinyproxy.start(dir.resolve("proxy"), "BasicAuth " + USER + " " + PASSWORD);
    failuresLeft.set(1);
    // A name the certificate does not carry: only ssl_validation off lets it through.
    URI feed = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/flaky/a.iso");
    DownloadSettings.Proxy through =
        new DownloadSettings.Proxy("127.0.0.1", proxy.port(), USER, PASSWORD);

    long started = System.nanoTime();
    try (Downloader downloader = downloader(through, false, 20_000)) {
      downloader.fetch(feed, dir.resolve("a.iso"), expected(), n -> {});
    }
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(dir.resolve("a.iso")).hasBinaryContent(BODY);
    assertThat(requests).hasValue(2); // a 503, then the file
    // 36,000 bytes at 20,000 bytes a second, after a retry's half-second pause.
    assertThat(took).isGreaterThan(Duration.ofMillis(1_800));
    assertThat(proxy.log()).contains("CONNECT 127.0.0.1:" + https.getAddress().getPort());
  }

  @Test
  void wrongProxyCredentialsFailAtOnceNamingTheProxyButNotThePassword() throws Exception {
    proxy = Tinyproxy.start(dir.resolve("proxy"), "BasicAuth " + USER + " " + PASSWORD);
    String wrong = "not-the-" + PASSWORD;
    URI feed = URI.create("https://localhost:" + https.getAddress().getPort() + "/feed/a.iso");

    try (Downloader downloader = downloader(USER, wrong)) {
      assertThatThrownBy(() -> downloader.fetch(feed, dir.resolve("a.iso")))
          .isInstanceOfSatisfying(DownloadFailure.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining(feed.toString())
          .hasMessageContaining("the proxy 127.0.0.1:" + proxy.port() + " refused the request")
          .hasMessageContaining("check proxy_username and proxy_password")
          .hasMessageNotContaining(wrong);
    }
    assertThat(requests).hasValue(0);
    assertThat(dir.resolve("a.iso")).doesNotExist();
  }

  @Test
  void anHttpRequestTheProxyRefusesIsNotRetriedNorShowsThePassword() throws Exception {
    proxy = Tinyproxy.start(dir.resolve("proxy"), "BasicAuth " + USER + " " + PASSWORD);
    String wrong = "not-the-" + PASSWORD;
    URI feed = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/feed/a.iso");

    // tinyproxy refuses plain requests with 401 and WWW-Authenticate, as if it were the server:
    // only a 407 (or a Proxy-Authenticate field) says it is the proxy.
    try (Downloader downloader = downloader(USER, wrong)) {
      assertThatThrownBy(() -> downloader.fetch(feed, dir.resolve("a.iso")))
          .isInstanceOfSatisfying(DownloadFailure.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining("HTTP 401")
          .hasMessageNotContaining(wrong);
    }
    assertThat(requests).hasValue(0);
    assertThat(proxy.log()).containsOnlyOnce("GET " + feed);
  }

  @Test
  void aProxyWantingCredentialsSaysWhichSettingsToSet() throws Exception {
    proxy = Tinyproxy.start(dir.resolve("proxy"), "BasicAuth " + USER + " " + PASSWORD);
    URI feed = URI.create("https://localhost:" + https.getAddress().getPort() + "/feed/a.iso");

    try (Downloader downloader = downloader(null, null)) {
      assertThatThrownBy(() -> downloader.fetch(feed, dir.resolve("a.iso")))
          .hasMessageContaining("the proxy 127.0.0.1:" + proxy.port() + " refused the request")
          .hasMessageContaining("set proxy_username and proxy_password");
    }
  }

  @Test
  void aTunnelTheProxyRefusesNamesTheProxyAndTheTarget() throws Exception {
    proxy = Tinyproxy.start(dir.resolve("proxy"), "ConnectPort 443");
    int port = https.getAddress().getPort();
    URI feed = URI.create("https://localhost:" + port + "/feed/a.iso");

    try (Downloader downloader = downloader(null, null)) {
      assertThatThrownBy(() -> downloader.fetch(feed, dir.resolve("a.iso")))
          .isInstanceOfSatisfying(DownloadFailure.class, e -> assertThat(e.isTransient()).isFalse())
          .hasMessageContaining(
              "the proxy 127.0.0.1:" + proxy.port() + " refused a tunnel to localhost:" + port)
          .hasMessageContaining("HTTP 403");
    }
    assertThat(requests).hasValue(0);
  }

  @Test
  void aProxyNobodyListensOnIsNamedAsTheCulprit() throws Exception {
    int closedPort;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    URI feed = URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/feed/a.iso");
    DownloadSettings.Proxy nowhere =
        new DownloadSettings.Proxy("127.0.0.1", closedPort, USER, PASSWORD);

    try (Downloader downloader = downloader(nowhere)) {
      assertThatThrownBy(() -> downloader.fetch(feed, dir.resolve("a.iso")))
          .hasMessageContaining(
              "could not connect to the proxy 127.0.0.1:" + closedPort + " (nothing listens there)")
          .hasMessageNotContaining(PASSWORD);
    }
    assertThat(requests).hasValue(0);
    assertThat(Files.exists(dir.resolve("a.iso"))).isFalse();
  }
}
