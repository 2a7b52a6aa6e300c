package dev.depot.publish.download;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Which addresses belong to a private network rather than the internet: loopback, link-local (the
 * cloud metadata service at 169.254.169.254 among them), the RFC 1918 ranges, carrier-grade NAT
 * (100.64.0.0/10), IPv6 unique-local (fc00::/7) and site-local, the unspecified address and
 * multicast. These are where a server's unprotected services listen; see {@link FeedReach}.
 */
final class InternalAddresses {
  private InternalAddresses() {}

  /** Whether {@code address} is on a private network (or the machine itself). */
  static boolean isInternal(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isLinkLocalAddress()
        || address.isSiteLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] bytes = address.getAddress();
    if (address instanceof Inet4Address) {
      int first = bytes[0] & 0xff;
      int second = bytes[1] & 0xff;
      return first == 0 || (first == 100 && second >= 64 && second < 128); // 0/8, CGNAT
    }
    if (address instanceof Inet6Address) {
      if ((bytes[0] & 0xfe) == 0xfc) {
        return true; // unique local addresses, IPv6's private ranges
      }
      return embeddedIpv4(bytes) != null && isInternal(embeddedIpv4(bytes));
    }
    return false;
  }

  /**
   * The IPv4 address inside an IPv4-compatible ({@code ::a.b.c.d}) or NAT64 ({@code
   * 64:ff9b::a.b.c.d}) IPv6 address, else null. (Java reads IPv4-mapped {@code ::ffff:a.b.c.d} as
   * IPv4 already.)
   */
  private static InetAddress embeddedIpv4(byte[] v6) {
    boolean compatible = true;
    for (int i = 0; i < 12; i++) {
      compatible &= v6[i] == 0;
    }
    boolean nat64 = v6[0] == 0 && v6[1] == 0x64 && (v6[2] & 0xff) == 0xff && (v6[3] & 0xff) == 0x9b;
    for (int i = 4; nat64 && i < 12; i++) {
      nat64 = v6[i] == 0;
    }
    if (!compatible && !nat64) {
      return null;
    }
    try {
      return InetAddress.getByAddress(java.util.Arrays.copyOfRange(v6, 12, 16));
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e); // four bytes are always an address
    }
  }
}
