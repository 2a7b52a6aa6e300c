package dev.depot.server.tls;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The to-be-signed part of an X.509 v3 certificate (RFC 5280 §4.1). Names are DER already: the
 * issuer is copied byte for byte from the CA certificate, since path building compares bytes.
 */
record CertificateTemplate(
    byte[] issuer,
    byte[] subject,
    PublicKey publicKey,
    Duration validity,
    List<byte[]> extensions) {

  // Backdated so that a client whose clock runs a little slow still accepts a fresh certificate.
  private static final Duration CLOCK_SKEW = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  CertificateTemplate {
    if (validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity must be positive: " + validity);
    }
    extensions = List.copyOf(extensions);
  }

  /** A Name holding only a common name, as UTF8String (RFC 5280 §4.1.2.6). */
  static byte[] name(String commonName) {
    byte[] cn = Der.sequence(Der.oid("2.5.4.3"), Der.utf8String(commonName));
    return Der.sequence(Der.set(cn));
  }

  /**
   * Signs the template. Serial numbers are 16 random bytes: positive, unique without a counter to
   * keep, and unpredictable as CAB Forum asks.
   */
  X509Certificate sign(PrivateKey issuerKey) throws GeneralSecurityException {
    SignatureAlgorithm algorithm = SignatureAlgorithm.forKey(issuerKey);
    Instant now = Instant.now();
    byte[] tbs =
        Der.sequence(
            Der.explicit(0, Der.integer(2)), // v3
            Der.integer(serialNumber()),
            algorithm.identifier(),
            issuer,
            Der.sequence(Der.time(now.minus(CLOCK_SKEW)), Der.time(now.plus(validity))),
            subject,
            publicKey.getEncoded(), // already a DER SubjectPublicKeyInfo
            Der.explicit(3, Der.sequence(extensions)));
    byte[] signature = algorithm.sign(issuerKey, tbs);
    byte[] der = Der.sequence(tbs, algorithm.identifier(), Der.bitString(signature));
    return (X509Certificate)
        CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
  }

  private static BigInteger serialNumber() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    bytes[0] = (byte) ((bytes[0] & 0x7F) | 0x40); // positive, and never shorter than 16 bytes
    return new BigInteger(bytes);
  }
}
