package dev.depot.server.consumer;

import dev.depot.server.tls.CertificateAuthority;
import dev.depot.server.tls.PemFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;

/**
 * The server's CA ({@code <data>/tls/ca.crt} and {@code ca.key}, made at first start), read when
 * first needed: consumer certificates are issued by it and checked against it.
 */
public final class ServerCa {
  private final Path tlsDir;
  private volatile CertificateAuthority authority;
  private volatile X509Certificate certificate;

  /** The CA kept in {@code tlsDir}. */
  public ServerCa(Path tlsDir) {
    this.tlsDir = tlsDir;
  }

  /** The CA with its key, to issue certificates. */
  public CertificateAuthority authority() {
    CertificateAuthority ca = authority;
    if (ca == null) {
      Path key = tlsDir.resolve("ca.key");
      if (!Files.isRegularFile(key)) {
        throw new IllegalStateException(
            "cannot issue consumer certificates: the server CA key " + key + " is missing");
      }
      try {
        ca = CertificateAuthority.load(tlsDir.resolve("ca.crt"), key);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the server CA from " + tlsDir, e);
      }
      authority = ca;
    }
    return ca;
  }

  /** The CA certificate, to check consumer certificates. */
  public X509Certificate certificate() {
    X509Certificate cert = certificate;
    if (cert == null) {
      try {
        cert = PemFiles.readCertificates(tlsDir.resolve("ca.crt")).getFirst();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the server CA certificate in " + tlsDir, e);
      }
      certificate = cert;
    }
    return cert;
  }
}
