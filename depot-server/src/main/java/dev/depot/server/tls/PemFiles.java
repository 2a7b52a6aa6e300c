package dev.depot.server.tls;

import dev.depot.publish.files.AtomicMove;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes PEM files: certificates (one or a chain) and private keys. Keys are written as
 * PKCS#8 {@code PRIVATE KEY}; reading also takes the traditional {@code RSA PRIVATE KEY} and {@code
 * EC PRIVATE KEY} that openssl and older tools produce, so users can bring the files they have.
 *
 * <p>Writes go to a temporary file that is then moved into place, so a crash never leaves half a
 * key behind; a key file is owner-only (0600) from its creation where the filesystem has POSIX
 * permissions.
 */
public final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE =
      PosixFilePermissions.fromString("rw-r--r--");
  private static final Map<String, String> KEY_ALGORITHMS =
      Map.of(
          "1.2.840.113549.1.1.1", "RSA",
          "1.2.840.10045.2.1", "EC",
          "1.3.101.112", "Ed25519",
          "1.3.101.113", "Ed448");

  private PemFiles() {}

  /**
   * Reads every certificate in a PEM file, in file order (leaf first in a chain).
   *
   * @throws IOException if the file cannot be read or holds no valid certificate
   */
  public static List<X509Certificate> readCertificates(Path file) throws IOException {
    String text = read(file);
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(text)) {
        if (block.label().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IOException(file + ": not a valid PEM certificate: " + e.getMessage(), e);
    }
    if (certificates.isEmpty()) {
      throw new IOException(file + ": no CERTIFICATE block");
    }
    return certificates;
  }

  /**
   * Reads the first private key in a PEM file: PKCS#8 (RSA, EC, EdDSA), PKCS#1 RSA or SEC1 EC.
   *
   * @throws IOException if the file cannot be read, holds no key, or the key is encrypted
   */
  public static PrivateKey readPrivateKey(Path file) throws IOException {
    String text = read(file);
    try {
      for (Block block : blocks(text)) {
        switch (block.label()) {
          case "PRIVATE KEY" -> {
            return pkcs8(block.der());
          }
          case "RSA PRIVATE KEY" -> {
            return pkcs8(
                Der.sequence(Der.integer(0), rsaIdentifier(), Der.octetString(block.der())));
          }
          case "EC PRIVATE KEY" -> {
            return pkcs8(
                Der.sequence(
                    Der.integer(0), ecIdentifier(block.der()), Der.octetString(block.der())));
          }
          case "ENCRYPTED PRIVATE KEY" ->
              throw new IOException(file + ": encrypted keys are not supported; decrypt it first");
          default -> {} // EC PARAMETERS, certificates: not the key
        }
      }
    } catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
      throw new IOException(file + ": not a valid PEM private key: " + e.getMessage(), e);
    }
    throw new IOException(file + ": no PRIVATE KEY block");
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

  private record Block(String label, String body) {
    byte[] der() {
      if (body.contains("Proc-Type:")) { // traditional openssl encryption headers
        throw new IllegalArgumentException("encrypted keys are not supported; decrypt it first");
      }
      return Base64.getMimeDecoder().decode(body);
    }
  }

  /** Latin-1 decodes any byte, so text around the blocks (bag attributes, notes) cannot fail. */
  private static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.ISO_8859_1);
  }

  private static List<Block> blocks(String text) {
    List<Block> blocks = new ArrayList<>();
    Matcher matcher = BLOCK.matcher(text);
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), matcher.group(2)));
    }
    return blocks;
  }

  private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
    byte[] oid = Der.children(Der.children(der).get(1)).get(0);
    String algorithm =
        KEY_ALGORITHMS.entrySet().stream()
            .filter(known -> Arrays.equals(Der.oid(known.getKey()), oid))
            .map(Map.Entry::getValue)
            .findFirst()
            .orElseThrow(() -> new GeneralSecurityException("unsupported private key algorithm"));
    return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
  }

  private static byte[] rsaIdentifier() {
    return Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.NULL);
  }

  /** SEC1 keeps the curve in its {@code [0] parameters}; PKCS#8 wants it in the identifier. */
  private static byte[] ecIdentifier(byte[] sec1) throws GeneralSecurityException {
    for (byte[] field : Der.children(sec1)) {
      if (Der.tag(field) == 0xA0) {
        return Der.sequence(Der.oid("1.2.840.10045.2.1"), Der.value(field));
      }
    }
    throw new GeneralSecurityException("EC PRIVATE KEY does not name its curve");
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
