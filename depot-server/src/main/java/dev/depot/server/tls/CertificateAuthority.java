package dev.depot.server.tls;

import static dev.depot.server.tls.Extensions.CLIENT_AUTH;
import static dev.depot.server.tls.Extensions.CRL_SIGN;
import static dev.depot.server.tls.Extensions.DIGITAL_SIGNATURE;
import static dev.depot.server.tls.Extensions.KEY_CERT_SIGN;
import static dev.depot.server.tls.Extensions.KEY_ENCIPHERMENT;
import static dev.depot.server.tls.Extensions.SERVER_AUTH;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A small certificate authority: a CA key pair and its self-signed certificate, issuing server and
 * client certificates. It lets Depot speak HTTPS out of the box, and issue consumer certificates,
 * with one CA file for clients to trust. New keys are RSA 2048, which every client accepts; a CA
 * loaded from files may also hold an EC key.
 */
public final class CertificateAuthority {
  private final KeyPair keyPair;
  private final X509Certificate certificate;

  private CertificateAuthority(KeyPair keyPair, X509Certificate certificate) {
    this.keyPair = keyPair;
    this.certificate = certificate;
  }

  /**
   * Creates a CA with a fresh key and a self-signed certificate that may sign certificates and
   * CRLs.
   *
   * @param commonName the CA's subject and issuer CN, e.g. {@code Depot CA build.example.com}
   * @param validity how long the CA certificate is valid from now
   */
  public static CertificateAuthority create(String commonName, Duration validity) {
    KeyPair keyPair = newKeyPair();
    byte[] name = CertificateTemplate.name(commonName);
    List<byte[]> extensions =
        List.of(
            Extensions.basicConstraints(true),
            Extensions.keyUsage(KEY_CERT_SIGN, CRL_SIGN),
            Extensions.subjectKeyIdentifier(keyPair.getPublic()));
    CertificateTemplate template =
        new CertificateTemplate(name, name, keyPair.getPublic(), validity, extensions);
    return new CertificateAuthority(keyPair, sign(template, keyPair.getPrivate()));
  }

  /**
   * Loads a CA saved by {@link #save}, or any CA certificate and its RSA or EC key in PEM.
   *
   * @throws IOException if a file cannot be read, is not valid PEM, or the key is not the
   *     certificate's
   */
  public static CertificateAuthority load(Path certPem, Path keyPem) throws IOException {
    X509Certificate certificate = PemFiles.readCertificates(certPem).getFirst();
    PrivateKey key = PemFiles.readPrivateKey(keyPem);
    try {
      SignatureAlgorithm.requireMatch(certificate.getPublicKey(), key);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(keyPem + " does not fit " + certPem + ": " + e.getMessage(), e);
    }
    return new CertificateAuthority(new KeyPair(certificate.getPublicKey(), key), certificate);
  }

  /** Writes the certificate, and the key readable by its owner only; each file atomically. */
  public void save(Path certPem, Path keyPem) throws IOException {
    PemFiles.writePrivateKey(keyPem, keyPair.getPrivate());
    PemFiles.writeCertificates(certPem, List.of(certificate));
  }

  /**
   * Issues a TLS server certificate for a fresh key.
   *
   * @param commonName the subject CN; clients match names against the SANs only
   * @param dnsNames host names the server answers to
   * @param ipAddresses IP address literals (v4 or v6) the server answers to
   * @param validity how long the certificate is valid from now
   */
  public IssuedCertificate issueServer(
      String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
    if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs a DNS name or an IP address");
    }
    return issue(
        commonName,
        validity,
        Extensions.subjectAltNames(dnsNames, ipAddresses),
        Extensions.extendedKeyUsage(SERVER_AUTH));
  }

  /**
   * Issues a TLS client certificate for a fresh key, for consumers and for repositories that ask
   * for one.
   *
   * @param commonName the subject CN that identifies the client
   * @param validity how long the certificate is valid from now
   */
  public IssuedCertificate issueClient(String commonName, Duration validity) {
    return issue(commonName, validity, Extensions.extendedKeyUsage(CLIENT_AUTH));
  }

  /** The CA's self-signed certificate, the one clients trust. */
  public X509Certificate certificate() {
    return certificate;
  }

  /** The CA's key pair; its private key signs every certificate issued. */
  public KeyPair keyPair() {
    return keyPair;
  }

  private IssuedCertificate issue(String commonName, Duration validity, byte[]... purpose) {
    KeyPair subjectKeys = newKeyPair();
    List<byte[]> extensions = new ArrayList<>();
    extensions.add(Extensions.basicConstraints(false));
    extensions.add(Extensions.keyUsage(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT));
    extensions.addAll(List.of(purpose));
    extensions.add(Extensions.subjectKeyIdentifier(subjectKeys.getPublic()));
    extensions.add(Extensions.authorityKeyIdentifier(certificate));
    CertificateTemplate template =
        new CertificateTemplate(
            certificate.getSubjectX500Principal().getEncoded(),
            CertificateTemplate.name(commonName),
            subjectKeys.getPublic(),
            validity,
            extensions);
    X509Certificate issued = sign(template, keyPair.getPrivate());
    return new IssuedCertificate(issued, subjectKeys.getPrivate(), List.of(issued, certificate));
  }

  private static X509Certificate sign(CertificateTemplate template, PrivateKey key) {
    try {
      return template.sign(key);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign a certificate with the CA key", e);
    }
  }

  private static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK has RSA", e);
    }
  }
}
