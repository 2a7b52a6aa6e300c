package dev.depot.publish.download;

import dev.depot.publish.tls.Pem;
import dev.depot.publish.tls.TrustEverything;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/** Builds the TLS context of a downloader from PEM settings. */
final class TlsContexts {
  private TlsContexts() {}

  static SSLContext forDownloads(DownloadSettings settings) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers(settings), trustManagers(settings), new SecureRandom());
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalArgumentException("unusable TLS settings: " + e.getMessage(), e);
    }
  }

  private static KeyManager[] keyManagers(DownloadSettings settings)
      throws GeneralSecurityException, java.io.IOException {
    if (settings.clientCertificatePem() == null) {
      return null;
    }
    List<X509Certificate> chain = Pem.certificates(settings.clientCertificatePem());
    PrivateKey key =
        Pem.privateKey(settings.clientKeyPem())
            .orElseThrow(() -> new IllegalArgumentException("the client key is not a PEM key"));
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("the client certificate is not PEM");
    }
    char[] password = new char[0];
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setKeyEntry("client", key, password, chain.toArray(X509Certificate[]::new));
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(store, password);
    return factory.getKeyManagers();
  }

  private static TrustManager[] trustManagers(DownloadSettings settings)
      throws GeneralSecurityException, java.io.IOException {
    if (!settings.validateTls()) {
      return new TrustManager[] {new TrustEverything()};
    }
    if (settings.caCertificatesPem() == null) {
      return null; // the JDK's own CAs
    }
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    int i = 0;
    for (X509Certificate ca : Pem.certificates(settings.caCertificatesPem())) {
      store.setCertificateEntry("ca-" + i++, ca);
    }
    TrustManagerFactory factory =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    return factory.getTrustManagers();
  }
}
