package dev.depot.plugins.file;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that PEM text really holds certificates or a private key, so bad TLS config fails early.
 */
final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z ]+)-----([A-Za-z0-9+/=\\s]+)-----END \\1-----");

  private Pem() {}

  /** Whether the text holds at least one X.509 certificate and nothing unparseable. */
  static boolean isCertificates(String pem) {
    if (pem == null || !pem.contains("-----BEGIN CERTIFICATE-----")) {
      return false;
    }
    try {
      return !CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))
          .isEmpty();
    } catch (CertificateException e) {
      return false;
    }
  }

  /** Whether the text holds a private key (PKCS#8, or the traditional RSA/EC forms). */
  static boolean isPrivateKey(String pem) {
    if (pem == null) {
      return false;
    }
    Matcher m = BLOCK.matcher(pem);
    if (!m.find()) {
      return false;
    }
    String type = m.group(1);
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      return false;
    }
    return switch (type) {
      case "PRIVATE KEY" -> parsesAsPkcs8(der);
      // Traditional OpenSSL forms: a DER SEQUENCE; the JDK cannot parse them without help.
      case "RSA PRIVATE KEY", "EC PRIVATE KEY" -> der.length > 32 && der[0] == 0x30;
      default -> false;
    };
  }

  private static boolean parsesAsPkcs8(byte[] der) {
    for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
      try {
        KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
        return true;
      } catch (GeneralSecurityException e) {
        // try the next algorithm
      }
    }
    return false;
  }
}
