package dev.depot.server.tls;

import dev.depot.publish.files.AtomicMove;
import dev.depot.publish.tls.InvalidPemException;
import dev.depot.publish.tls.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes PEM files: certificates (one or a chain) and private keys. Keys are written as
 * PKCS#8 {@code PRIVATE KEY}; reading is {@link Pem}'s, the one PEM reader, which also takes the
 * traditional {@code RSA PRIVATE KEY} and {@code EC PRIVATE KEY} that openssl and older tools
 * produce, so users can bring the files they have.
 *
 * <p>Writes go to a temporary file that is then moved into place, so a crash never leaves half a
 * key behind; a key file is owner-only (0600) from its creation where the filesystem has POSIX
 * permissions.
 */
public final class PemFiles {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");

  private PemFiles() {}

  /**
   * Reads every certificate in a PEM file, in file order (leaf first in a chain).
   *
   * @throws IOException if the file cannot be read or holds no valid certificate
   */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    try {
      return Pem.readCertificates(read(file));
    } catch (InvalidPemException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads the one private key in a PEM file: PKCS#8 (RSA, EC, EdDSA), PKCS#1 RSA or SEC1 EC.
   *
   * @throws IOException if the file cannot be read, holds no key or more than one, or the key is
   *     encrypted
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    try {
      return Pem.readPrivateKey(read(file));
    } catch (InvalidPemException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
  }

  /** Certificates as consecutive PEM {@code CERTIFICATE} blocks. */
  public static String encodeCertificates(List<X509Certificate> certificates) {
    StringBuilder pem = new StringBuilder();
    for (X509Certificate certificate : certificates) {
      try {
        pem.append(encode("CERTIFICATE", certificate.getEncoded()));
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("certificate cannot be encoded", e);
      }
    }
    return pem.toString();
  }

  /** A private key as a PKCS#8 {@code PRIVATE KEY} PEM block. */
  public static String encodePrivateKey(PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat())) {
      throw new IllegalArgumentException("key is not exportable as PKCS#8: " + key.getFormat());
    }
    return encode("PRIVATE KEY", key.getEncoded());
  }

  /** Writes certificates atomically, readable by all: they are public. */
  public static void writeCertificates(Path file, List<X509Certificate> certificates)
      throws IOException {
    writeAtomically(file, encodeCertificates(certificates), WORLD_READABLE);
  }

  /** Writes a private key atomically, readable by its owner only where permissions exist. */
  public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
    writeAtomically(file, encodePrivateKey(key), OWNER_ONLY);
  }

  /** Latin-1 decodes any byte, so text around the blocks (bag attributes, notes) cannot fail. */
  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }

  private static String encode(String label, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
  }

  private static void writeAtomically(Path file, String content, Set<PosixFilePermission> mode)
      throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    String prefix = "." + file.getFileName();
    // Created owner-only so a key is never readable by others, not even for a moment.
    Path temp =
        posix
            ? Files.createTempFile(
                dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
            : Files.createTempFile(dir, prefix, ".tmp");
    try {
      Files.writeString(temp, content, StandardCharsets.US_ASCII);
      if (posix) {
        Files.setPosixFilePermissions(temp, mode);
      }
      // A lost CA key would orphan every certificate clients hold: flushed before it counts.
      AtomicMove.replaceFile(temp, file, AtomicMove.Durability.SYNCED);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
