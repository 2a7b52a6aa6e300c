package dev.depot.server.tls;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS identity: its key, its certificate chain, and the CA that clients should trust.
 * Either the user's own files, or a CA and server certificate that Depot makes on first start and
 * keeps, so that clients trust one {@code ca.crt} across restarts.
 */
public final class ServerTls {
  private static final Logger LOG = LoggerFactory.getLogger(ServerTls.class);
  private static final Duration TEN_YEARS = Duration.ofDays(3652);
  private static final String ALIAS = "depot";

  private final IssuedCertificate server;
  private final X509Certificate caCertificate;
  private final Path caCertificateFile;

  private ServerTls(IssuedCertificate server, X509Certificate caCertificate, Path caFile) {
    this.server = server;
    this.caCertificate = caCertificate;
    this.caCertificateFile = caFile;
  }

  /**
   * Loads the TLS files in {@code tlsDir}, creating what is missing: {@code ca.crt} and {@code
   * ca.key} for a CA named {@code "Depot CA " + hostName}, and {@code server.crt} and {@code
   * server.key} for {@code localhost}, the host name, 127.0.0.1 and ::1, each valid ten years.
   * Existing files are used unchanged; a missing server certificate is issued by the existing CA,
   * and so is one it issued that does not name the host (the machine was renamed, or another node
   * shares the directory): again, with every name it had and the host's. A certificate the user
   * brought that does not name the host is used, with a warning.
   *
   * @param tlsDir the directory holding the files; created if absent
   * @param hostName the name (or IP address) clients use to reach this server
   * @throws IOException if the files cannot be read or written, or do not fit together
   */
  public static ServerTls ensure(Path tlsDir, String hostName) throws IOException {
    Files.createDirectories(tlsDir);
    // Nodes sharing a data directory may start together on a fresh one: without the lock each
    // would create its own CA, and all but the last would serve a certificate that the ca.crt
    // left on disk never signed. The file lock orders processes, the monitor threads of one JVM
    // (which may not hold two locks on one file).
    synchronized (ServerTls.class) {
      try (FileChannel lockFile =
              FileChannel.open(
                  tlsDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        return ensureLocked(tlsDir, hostName);
      }
    }
  }

  private static ServerTls ensureLocked(Path tlsDir, String hostName) throws IOException {
    Path caCert = tlsDir.resolve("ca.crt");
    Path caKey = tlsDir.resolve("ca.key");
    Path serverCert = tlsDir.resolve("server.crt");
    Path serverKey = tlsDir.resolve("server.key");
    ServerNames names =
        new ServerNames(List.of("localhost"), List.of("127.0.0.1", "0:0:0:0:0:0:0:1"));
    if (Stream.of(caCert, serverCert, serverKey).allMatch(Files::isRegularFile)) {
      ServerTls existing = fromFiles(serverCert, serverKey, caCert);
      ServerNames held = ServerNames.of(existing.server.certificate());
      if (held.covers(hostName)) {
        return existing;
      }
      if (!Files.isRegularFile(caKey) || !existing.issuedByCa()) {
        LOG.warn(
            "{} does not name {}: clients reaching this server as {} will refuse it. Replace it"
                + " with a certificate for that name (it is yours: Depot did not issue it)",
            serverCert,
            hostName,
            hostName);
        return existing;
      }
      // Kept with the new name, not replaced: nodes sharing the directory each add their own.
      names = held;
      LOG.info("{} does not name {}: issuing it again with that name", serverCert, hostName);
    }
    CertificateAuthority ca;
    if (Files.isRegularFile(caCert) && Files.isRegularFile(caKey)) {
      ca = CertificateAuthority.load(caCert, caKey);
    } else if (Files.isRegularFile(caCert)) {
      // Clients trust this CA: replacing it behind their back would break every one of them.
      throw new IOException(
          caKey
              + " is missing, so "
              + caCert
              + " cannot issue a server certificate; restore the"
              + " key, or remove "
              + caCert
              + " to start a new CA");
    } else {
      ca = CertificateAuthority.create("Depot CA " + hostName, TEN_YEARS);
      ca.save(caCert, caKey);
      LOG.info(
          "Created a TLS certificate authority in {}; clients should trust {}", tlsDir, caCert);
    }
    if (!names.covers(hostName)) {
      names = names.with(hostName);
    }
    List<String> dnsNames = names.dnsNames();
    List<String> ipAddresses = names.ipAddresses();
    IssuedCertificate server = ca.issueServer(hostName, dnsNames, ipAddresses, TEN_YEARS);
    PemFiles.writePrivateKey(serverKey, server.privateKey());
    PemFiles.writeCertificates(serverCert, List.of(server.certificate()));
    LOG.info(
        "Issued the TLS server certificate {} for {} and {}", serverCert, dnsNames, ipAddresses);
    return new ServerTls(server, ca.certificate(), caCert);
  }

  /**
   * Uses the user's own certificate and key.
   *
   * @param certPem the server certificate, optionally followed by its intermediates
   * @param keyPem the server certificate's private key
   * @param caPem the CA clients should trust, or {@code null} to take the last certificate of
   *     {@code certPem}
   * @throws IOException if a file cannot be read, the key does not fit the certificate, or the CA
   *     did not sign the chain
   */
  public static ServerTls fromFiles(Path certPem, Path keyPem, Path caPem) throws IOException {
    List<X509Certificate> chain = new ArrayList<>(PemFiles.readCertificates(certPem));
    PrivateKey key = PemFiles.readPrivateKey(keyPem);
    X509Certificate ca = caPem == null ? chain.getLast() : PemFiles.readCertificates(caPem).get(0);
    try {
      SignatureAlgorithm.requireMatch(chain.getFirst().getPublicKey(), key);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(keyPem + " does not fit " + certPem + ": " + e.getMessage(), e);
    }
    if (!chain.getLast().equals(ca)) {
      try {
        chain.getLast().verify(ca.getPublicKey());
      } catch (GeneralSecurityException e) {
        throw new IOException(caPem + " did not issue " + certPem + ": " + e.getMessage(), e);
      }
      chain.add(ca);
    }
    IssuedCertificate server = new IssuedCertificate(chain.getFirst(), key, chain);
    return new ServerTls(server, ca, caPem == null ? certPem : caPem);
  }

  /** Whether the server certificate is the CA's own issue, not a chain the user brought. */
  private boolean issuedByCa() {
    try {
      server.certificate().verify(caCertificate.getPublicKey());
      return true;
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  /** A PKCS#12 store with the server key and chain, for Jetty's {@code SslContextFactory}. */
  public KeyStore keyStore(char[] password) {
    return server.toKeyStore(ALIAS, password);
  }

  /** The CA certificate clients should trust. */
  public X509Certificate caCertificate() {
    return caCertificate;
  }

  /** The CA certificate as PEM, to hand to clients (e.g. served for download). */
  public String caCertificatePem() {
    return PemFiles.encodeCertificates(List.of(caCertificate));
  }

  /** The file holding the CA certificate clients should trust, e.g. for {@code curl --cacert}. */
  public Path caCertificateFile() {
    return caCertificateFile;
  }
}
