package dev.depot.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The consumer's side of TLS, from the PEM files registration wrote: its key and certificate as the
 * client identity, and only the given CA as trust (never the system's trust store, never "trust
 * all").
 */
final class ConsumerTls {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)-----END \\1-----");

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

  static List<X509Certificate> certificates(String pem) throws GeneralSecurityException {
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    List<X509Certificate> certs = new ArrayList<>();
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals("CERTIFICATE")) {
        certs.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(der(m.group(2)))));
      }
    }
    if (certs.isEmpty()) {
      throw new GeneralSecurityException("no CERTIFICATE in the PEM file");
    }
    return certs;
  }

  private static PrivateKey privateKey(String pem) throws GeneralSecurityException {
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      if (m.group(1).equals("PRIVATE KEY")) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der(m.group(2)));
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
          try {
            return KeyFactory.getInstance(algorithm).generatePrivate(spec);
          } catch (GeneralSecurityException e) {
            // not this algorithm: try the next
          }
        }
      }
    }
    throw new GeneralSecurityException("no PKCS#8 PRIVATE KEY in the PEM file");
  }

  private static byte[] der(String base64) {
    return Base64.getMimeDecoder().decode(base64);
  }
}
