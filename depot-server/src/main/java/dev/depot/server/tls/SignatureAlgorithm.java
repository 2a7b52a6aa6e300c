package dev.depot.server.tls;

import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;

/** How a certificate is signed, chosen by the signer's key so a user's EC CA works as well. */
enum SignatureAlgorithm {
  RSA("SHA256withRSA", Der.sequence(Der.oid("1.2.840.113549.1.1.11"), Der.NULL)),
  // RFC 5758: the ECDSA identifiers carry no parameters at all, not even NULL.
  EC("SHA256withECDSA", Der.sequence(Der.oid("1.2.840.10045.4.3.2")));

  private final String jcaName;
  private final byte[] identifier;

  SignatureAlgorithm(String jcaName, byte[] identifier) {
    this.jcaName = jcaName;
    this.identifier = identifier;
  }

  static SignatureAlgorithm forKey(Key key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> RSA;
      case "EC" -> EC;
      default ->
          throw new IllegalArgumentException(
              "cannot sign certificates with a " + key.getAlgorithm() + " key; use RSA or EC");
    };
  }

  /** The DER AlgorithmIdentifier, written both inside the signed part and beside the signature. */
  byte[] identifier() {
    return identifier.clone();
  }

  byte[] sign(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature signature = Signature.getInstance(jcaName);
    signature.initSign(key);
    signature.update(data);
    return signature.sign();
  }

  /**
   * Fails unless the private key belongs to the public one. A mismatched pair from the user's files
   * would otherwise surface much later as a baffling handshake failure.
   */
  static void requireMatch(PublicKey publicKey, PrivateKey privateKey)
      throws GeneralSecurityException {
    SignatureAlgorithm algorithm = forKey(privateKey);
    byte[] probe = new byte[32];
    new SecureRandom().nextBytes(probe);
    byte[] signed = algorithm.sign(privateKey, probe);
    Signature verify = Signature.getInstance(algorithm.jcaName);
    verify.initVerify(publicKey);
    verify.update(probe);
    if (!verify.verify(signed)) {
      throw new GeneralSecurityException("the private key does not belong to the certificate");
    }
  }
}
