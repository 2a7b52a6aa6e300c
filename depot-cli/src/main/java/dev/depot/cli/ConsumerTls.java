package dev.depot.cli;

import dev.depot.publish.tls.Pem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The consumer's side of TLS, from the PEM files registration wrote: its key and certificate as the
 * client identity, and only the given CA as trust (never the system's trust store, never "trust
 * all").
 */
final class ConsumerTls {
  private ConsumerTls() {}

  /**
   * An SSL context trusting {@code caPem}, presenting the key and certificate in {@code
   * identityPem} when it is not null.
   */
  static SSLContext context(Path caPem, Path identityPem) {
    try {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      int i = 0;
      for (X509Certificate ca : certificates(Files.readString(caPem))) {
        trust.setCertificateEntry("ca" + i++, ca);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      KeyManagerFactory kmf = null;
      if (identityPem != null) {
        String pem = Files.readString(identityPem);
        char[] password = "consumer".toCharArray();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, password);
        keys.setKeyEntry(
            "consumer",
            privateKey(pem),
            password,
            certificates(pem).toArray(X509Certificate[]::new));
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, password);
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read " + e.getMessage());
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "cannot use the TLS files "
              + caPem
              + (identityPem == null ? "" : " and " + identityPem)
              + ": "
              + e.getMessage());
    }
  }

  private static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    return Pem.readCertificates(pem);
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    return Pem.readPrivateKey(pem);
  }
}
