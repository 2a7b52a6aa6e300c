package dev.depot.server.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/** The X.509 v3 extensions Depot writes (RFC 5280 §4.2), each as a DER {@code Extension}. */
final class Extensions {
  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  static final int DIGITAL_SIGNATURE = 0;
  static final int KEY_ENCIPHERMENT = 2;
  static final int KEY_CERT_SIGN = 5;
  static final int CRL_SIGN = 6;

  private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
  // Only what can be an address literal reaches InetAddress, which would otherwise resolve a name.
  private static final Pattern IP_LITERAL =
      Pattern.compile("[0-9.]+|[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  private Extensions() {}

  static byte[] basicConstraints(boolean ca) {
    // cA defaults to FALSE, and DER omits defaults: an end entity gets an empty SEQUENCE.
    return extension("2.5.29.19", true, ca ? Der.sequence(Der.bool(true)) : Der.sequence());
  }

  static byte[] keyUsage(int... bits) {
    return extension("2.5.29.15", true, Der.namedBits(bits));
  }

  static byte[] extendedKeyUsage(String purpose) {
    return extension("2.5.29.37", false, Der.sequence(Der.oid(purpose)));
  }

  static byte[] subjectAltNames(List<String> dnsNames, List<String> ipAddresses) {
    List<byte[]> names = new ArrayList<>();
    for (String dns : dnsNames) {
      names.add(Der.implicit(2, dns.getBytes(StandardCharsets.US_ASCII))); // dNSName IA5String
    }
    for (String ip : ipAddresses) {
      names.add(Der.implicit(7, ipAddressBytes(ip))); // iPAddress OCTET STRING
    }
    return extension("2.5.29.17", false, Der.sequence(names));
  }

  static byte[] subjectKeyIdentifier(PublicKey key) {
    return extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(key)));
  }

  /** Names the issuer's key the way the issuer names it, so path building finds the CA. */
  static byte[] authorityKeyIdentifier(X509Certificate issuer) {
    byte[] wrapped = issuer.getExtensionValue(SUBJECT_KEY_IDENTIFIER);
    byte[] id =
        wrapped != null ? Der.value(Der.value(wrapped)) : keyIdentifier(issuer.getPublicKey());
    return extension("2.5.29.35", false, Der.sequence(Der.implicit(0, id)));
  }

  /** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
  static byte[] keyIdentifier(PublicKey key) {
    byte[] bitString = Der.value(Der.children(key.getEncoded()).get(1));
    try {
      return MessageDigest.getInstance("SHA-1")
          .digest(Arrays.copyOfRange(bitString, 1, bitString.length));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-1", e);
    }
  }

  /** Whether a host is written as an IPv4 or IPv6 address rather than a name. */
  static boolean isIpLiteral(String host) {
    return IP_LITERAL.matcher(host).matches();
  }

  private static byte[] ipAddressBytes(String ip) {
    if (!isIpLiteral(ip)) {
      throw new IllegalArgumentException("not an IP address: " + ip);
    }
    try {
      return InetAddress.getByName(ip).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + ip, e);
    }
  }

  private static byte[] extension(String oid, boolean critical, byte[] value) {
    byte[] id = Der.oid(oid);
    byte[] octets = Der.octetString(value);
    // critical defaults to FALSE, so DER leaves it out unless it is TRUE.
    return critical ? Der.sequence(id, Der.bool(true), octets) : Der.sequence(id, octets);
  }
}
