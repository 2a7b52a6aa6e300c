package dev.depot.server.consumer;

import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.tls.PemFiles;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Speaks to a running server's HTTPS listener as a consumer: its registration bundle (key and
 * certificate) as the TLS client identity, the server CA as the only trust.
 */
final class ConsumerClient {
  private final RunningDepot server;
  private final HttpClient http;

  /**
   * @param bundle the consumer's PEM key and certificate, or null to present no certificate
   */
  ConsumerClient(RunningDepot server, Path caFile, String bundle, Path scratch) throws Exception {
    this.server = server;
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("ca", PemFiles.readCertificates(caFile).getFirst());
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    KeyManagerFactory kmf = null;
    if (bundle != null) {
      Path file = Files.createTempFile(scratch, "consumer", ".pem");
      Files.writeString(file, bundle);
      PrivateKey key = PemFiles.readPrivateKey(file);
      X509Certificate cert = PemFiles.readCertificates(file).getFirst();
      char[] password = "x".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, password);
      keys.setKeyEntry("me", key, password, new X509Certificate[] {cert});
      kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, password);
    }
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    this.http = HttpClient.newBuilder().sslContext(tls).build();
  }

  TestApi.Reply send(String method, String path, String body) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("https://localhost:" + server.depot().httpsPort() + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new TestApi.Reply(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Location").orElse(null));
  }
}
