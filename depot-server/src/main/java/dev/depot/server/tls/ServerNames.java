package dev.depot.server.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names a server certificate is valid for (its subject alternative names), as a client checks
 * them: DNS names case-insensitively with a wildcard standing for one left-most label, IP addresses
 * by value ({@code ::1} is {@code 0:0:0:0:0:0:0:1}).
 *
 * @param dnsNames the DNS names, lower case
 * @param ipAddresses the IP addresses, in the form {@link InetAddress#getHostAddress} gives
 */
record ServerNames(List<String> dnsNames, List<String> ipAddresses) {
  private static final int DNS = 2;
  private static final int IP = 7;

  /** The names a certificate carries. */
  static ServerNames of(X509Certificate certificate) {
    List<String> dns = new ArrayList<>();
    List<String> ips = new ArrayList<>();
    Collection<List<?>> names;
    try {
      names = certificate.getSubjectAlternativeNames();
    } catch (CertificateParsingException e) {
      names = null; // unreadable names cover nothing
    }
    if (names != null) {
      for (List<?> name : names) {
        if (name.get(0) instanceof Integer type && name.get(1) instanceof String value) {
          if (type == DNS) {
            dns.add(value.toLowerCase(Locale.ROOT));
          } else if (type == IP) {
            ips.add(canonicalIp(value));
          }
        }
      }
    }
    return new ServerNames(List.copyOf(dns), List.copyOf(ips));
  }

  /** Whether a client reaching the server as {@code host} accepts these names. */
  boolean covers(String host) {
    if (Extensions.isIpLiteral(host)) {
      return ipAddresses.contains(canonicalIp(host));
    }
    String wanted = host.toLowerCase(Locale.ROOT);
    for (String name : dnsNames) {
      if (name.equals(wanted)) {
        return true;
      }
      int dot = wanted.indexOf('.');
      if (name.startsWith("*.") && dot > 0 && name.substring(1).equals(wanted.substring(dot))) {
        return true;
      }
    }
    return false;
  }

  /** These names and {@code host}, which was missing. */
  ServerNames with(String host) {
    List<String> dns = new ArrayList<>(dnsNames);
    List<String> ips = new ArrayList<>(ipAddresses);
    if (Extensions.isIpLiteral(host)) {
      ips.add(canonicalIp(host));
    } else {
      dns.add(host.toLowerCase(Locale.ROOT));
    }
    return new ServerNames(List.copyOf(dns), List.copyOf(ips));
  }

  private static String canonicalIp(String literal) {
    try {
      return InetAddress.getByName(literal).getHostAddress(); // a literal: no lookup
    } catch (UnknownHostException e) {
      return literal;
    }
  }
}
