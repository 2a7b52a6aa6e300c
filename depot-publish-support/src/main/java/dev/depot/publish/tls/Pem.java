package dev.depot.publish.tls;

import java.io.ByteArrayInputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM text: certificates and unencrypted private keys. The one PEM reader of Depot: plugins
 * check TLS settings with it when they are configured (so a bad one is refused then rather than
 * failing every later sync), the downloader builds its TLS context from the same parse, and the
 * server reads its own CA and TLS files with it.
 *
 * <p>Text around the blocks (bag attributes, notes) and blocks of other kinds are ignored, so a
 * file holding a key and its certificate serves as either. Private keys are really parsed by the
 * JDK, traditional OpenSSL forms included: those are rewrapped as PKCS#8, which is all the JDK
 * reads, instead of trusting the header.
 */
public final class Pem {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** Key algorithms a PKCS#8 key is tried as, in order. */
  private static final String[] ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448"};

  private Pem() {}

  /** Whether the text holds at least one X.509 certificate and no broken one. */
  public static boolean isCertificates(String pem) {
    return !certificates(pem).isEmpty();
  }

  /** The X.509 certificates in the text, in order; empty when there is none or one is broken. */
  public static List<X509Certificate> certificates(String pem) {
    try {
      return readCertificates(pem);
    } catch (InvalidPemException e) {
      return List.of();
    }
  }

  /**
   * The X.509 certificates in the text, in order (leaf first in a chain).
   *
   * @throws InvalidPemException when there is no {@code CERTIFICATE} block or one is broken
   */
  public static List<X509Certificate> readCertificates(String pem) throws InvalidPemException {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Block block : blocks(pem)) {
      if (!block.label().equals("CERTIFICATE")) {
        continue;
      }
      try {
        certificates.add(
            (X509Certificate)
                CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.der())));
      } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
        throw new InvalidPemException("not a valid PEM certificate: " + e.getMessage(), e);
      }
    }
    if (certificates.isEmpty()) {
      throw new InvalidPemException("no CERTIFICATE block");
    }
    return List.copyOf(certificates);
  }

  /**
   * Whether the text holds exactly one unencrypted private key: PKCS#8 ({@code BEGIN PRIVATE KEY})
   * or the traditional {@code BEGIN RSA PRIVATE KEY} / {@code BEGIN EC PRIVATE KEY} forms. An
   * {@code EC PARAMETERS} block, as {@code openssl ecparam -genkey} writes, is allowed beside it.
   */
  public static boolean isPrivateKey(String pem) {
    return privateKey(pem).isPresent();
  }

  /** The one unencrypted private key in the text (forms as {@link #isPrivateKey}), if any. */
  public static Optional<PrivateKey> privateKey(String pem) {
    try {
      return Optional.of(readPrivateKey(pem));
    } catch (InvalidPemException e) {
      return Optional.empty();
    }
  }

  /**
   * The one unencrypted private key in the text: PKCS#8 (RSA, EC, EdDSA), PKCS#1 RSA or SEC1 EC.
   *
   * @throws InvalidPemException when there is no key, more than one, an encrypted one, or one the
   *     JDK cannot read
   */
  public static PrivateKey readPrivateKey(String pem) throws InvalidPemException {
    List<Block> keys = blocks(pem).stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
    if (keys.isEmpty()) {
      throw new InvalidPemException("no PRIVATE KEY block");
    }
    if (keys.size() > 1) {
      throw new InvalidPemException("more than one private key; which one is meant?");
    }
    Block key = keys.getFirst();
    byte[] der = key.der();
    PrivateKey parsed =
        switch (key.label()) {
          case "PRIVATE KEY" -> parsePkcs8(der, ALGORITHMS);
          case "RSA PRIVATE KEY" -> parsePkcs8(TraditionalKeys.rsaAsPkcs8(der), "RSA");
          case "EC PRIVATE KEY" -> parsePkcs8(TraditionalKeys.ecAsPkcs8(der), "EC");
          case "ENCRYPTED PRIVATE KEY" ->
              throw new InvalidPemException("encrypted keys are not supported; decrypt it first");
          default -> throw new InvalidPemException("unsupported key type " + key.label());
        };
    if (parsed == null) {
      throw new InvalidPemException("not a valid PEM private key (" + key.label() + ")");
    }
    return parsed;
  }

  /** One {@code BEGIN}/{@code END} block: its label and the text between. */
  private record Block(String label, String body) {
    byte[] der() throws InvalidPemException {
      if (body.contains("Proc-Type:")) { // traditional openssl encryption headers
        throw new InvalidPemException("encrypted keys are not supported; decrypt it first");
      }
      try {
        return Base64.getMimeDecoder().decode(body);
      } catch (IllegalArgumentException e) {
        throw new InvalidPemException("not valid Base64 in a " + label + " block", e);
      }
    }
  }

  private static List<Block> blocks(String pem) {
    List<Block> blocks = new ArrayList<>();
    if (pem == null) {
      return blocks;
    }
    Matcher matcher = BLOCK.matcher(pem);
    while (matcher.find()) {
      blocks.add(new Block(matcher.group(1), matcher.group(2)));
    }
    return blocks;
  }

  private static PrivateKey parsePkcs8(byte[] der, String... algorithms) {
    if (der == null) {
      return null;
    }
    for (String algorithm : algorithms) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | RuntimeException e) {
        // Not this algorithm (or not a key at all); the JDK throws both kinds on bad input.
      }
    }
    return null;
  }
}
