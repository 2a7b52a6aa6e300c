package dev.depot.publish.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.depot.publish.tls.Pems;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed whose certificate Depot does not trust, or which does not name the host asked for, fails
 * naming the server and the importer keys that fix it, not only the JDK's "PKIX path building
 * failed". Over a real TLS socket.
 */
class TlsTrustMessagesTest {
  @TempDir Path dir;
  HttpsServer https;
  String certificate;

  @BeforeEach
  void start() throws Exception {
    KeyStore keys = KeepAliveHttpTest.keyStoreFor(dir, "localhost");
    certificate = Pems.pem("CERTIFICATE", keys.getCertificate("t").getEncoded());
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, KeepAliveHttpTest.PASSWORD);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keyManagers.getKeyManagers(), null, null);
    https = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    https.setHttpsConfigurator(new HttpsConfigurator(tls));
    https.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes(java.nio.charset.StandardCharsets.UTF_8));
          exchange.close();
        });
    https.start();
  }

  @AfterEach
  void stop() {
    https.stop(0);
  }

  private Downloader trusting(String caPem) {
    return new Downloader(
        new DownloadSettings(
            true, caPem, null, null, null, null, null, 0, Duration.ofSeconds(10), 1));
  }

  @Test
  void anUntrustedCertificateNamesTheServerAndSslCaCert() throws Exception {
    URI feed = URI.create("https://localhost:" + https.getAddress().getPort() + "/a.iso");

    try (Downloader downloader = trusting(null)) {
      assertThatThrownBy(() -> downloader.fetch(feed, dir.resolve("a.iso")))
          .isInstanceOf(DownloadFailure.class)
          .hasMessageContaining(
              "the certificate of localhost:" + https.getAddress().getPort() + " is not signed")
          .hasMessageContaining("ssl_ca_cert")
          .hasMessageContaining("PKIX");
    }
    try (Downloader downloader = trusting(certificate)) {
      downloader.fetch(feed, dir.resolve("a.iso"));
    }
    assertThat(dir.resolve("a.iso")).hasContent("ok");
  }

  @Test
  void aCertificateNotNamingTheHostSaysSo() throws Exception {
    URI byAddress = URI.create("https://127.0.0.1:" + https.getAddress().getPort() + "/a.iso");

    try (Downloader downloader = trusting(certificate)) {
      assertThatThrownBy(() -> downloader.fetch(byAddress, dir.resolve("a.iso")))
          .isInstanceOf(DownloadFailure.class)
          .hasMessageContaining("does not name 127.0.0.1");
    }
  }
}
