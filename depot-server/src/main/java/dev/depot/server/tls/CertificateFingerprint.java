package dev.depot.server.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;

/**
 * The SHA-256 of a certificate's DER, in hex: how the server remembers exactly which certificate it
 * issued (to a consumer at registration, to a user at login), so only that one authenticates.
 */
public final class CertificateFingerprint {
  private CertificateFingerprint() {}

  /** The certificate's SHA-256 fingerprint, lower-case hex. */
  public static String sha256(X509Certificate certificate) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has SHA-256 and can encode a certificate", e);
    }
  }
}
