package dev.depot.server.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate with its private key, as a server or a client presents them.
 *
 * @param certificate the issued (leaf) certificate
 * @param privateKey the key of {@code certificate}
 * @param chain the certificate followed by its issuers up to the CA, as sent in a handshake
 */
public record IssuedCertificate(
    X509Certificate certificate, PrivateKey privateKey, List<X509Certificate> chain) {

  /** Checks that the chain starts with the certificate, and keeps a copy of it. */
  public IssuedCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty() || !chain.getFirst().equals(certificate)) {
      throw new IllegalArgumentException("the chain must start with the certificate");
    }
  }

  /** The certificate alone as PEM. */
  public String certificatePem() {
    return PemFiles.encodeCertificates(List.of(certificate));
  }

  /** The private key as a PKCS#8 {@code PRIVATE KEY} PEM block. */
  public String privateKeyPem() {
    return PemFiles.encodePrivateKey(privateKey);
  }

  /**
   * A PKCS#12 key store holding the key and the whole chain under one alias, ready for a {@code
   * KeyManagerFactory}.
   *
   * @param alias the entry's alias
   * @param password protects the store and the key entry alike, as JSSE expects
   */
  public KeyStore toKeyStore(String alias, char[] password) {
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, password);
      store.setKeyEntry(alias, privateKey, password, chain.toArray(X509Certificate[]::new));
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a PKCS12 key store", e);
    }
  }
}
