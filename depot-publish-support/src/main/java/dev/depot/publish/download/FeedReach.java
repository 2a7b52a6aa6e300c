package dev.depot.publish.download;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * Keeps a feed on the internet from leading Depot to a private network's services. A feed's answers
 * name more URLs (a Forge's {@code file_uri} and next page, a redirect's {@code Location}, a
 * repository's {@code xml:base}), and a hostile feed could name {@code http://169.254.169.254/} or
 * an admin interface on the server's own network, which Depot would fetch and, a sync's errors
 * being readable, partly show. So when the feed's own host is on the internet, no download of its
 * sync connects to an internal address ({@link InternalAddresses}); a feed that is itself on a
 * private network (a local mirror, a test fixture) reaches that network as before, as does a {@code
 * file://} feed, a download without a feed, and any request through a proxy (the proxy resolves the
 * names and is where such rules live). The check is on the address the connection is made to, after
 * resolving, so a name that resolves differently the second time gains nothing.
 */
final class FeedReach {
  private final URI feed;
  private final Predicate<InetAddress> internal;
  private volatile Boolean feedInternal;

  /**
   * @param feed the importer's feed, or null for a download that is not a feed's (then nothing is
   *     refused)
   * @param internal which addresses count as internal ({@link InternalAddresses#isInternal})
   */
  FeedReach(URI feed, Predicate<InetAddress> internal) {
    this.feed = feed;
    this.internal = internal;
  }

  /** No feed: every address may be reached. */
  static FeedReach unlimited() {
    return new FeedReach(null, a -> false);
  }

  /**
   * The address to connect to for {@code host}, resolved once.
   *
   * @throws Refused when the address is internal and the feed is not
   */
  InetAddress resolve(String host) throws IOException {
    InetAddress address = InetAddress.getByName(host);
    if (internal.test(address) && !feedIsInternal()) {
      throw new Refused(
          host
              + " is an address of a private network ("
              + address.getHostAddress()
              + ") and the feed "
              + feed.getHost()
              + " is not: a feed on the internet may not lead to internal services; sync from a"
              + " feed on that network instead");
    }
    return address;
  }

  private boolean feedIsInternal() {
    Boolean known = feedInternal;
    if (known == null) {
      known = computeFeedInternal();
      feedInternal = known;
    }
    return known;
  }

  private boolean computeFeedInternal() {
    String scheme = feed == null || feed.getScheme() == null ? "" : feed.getScheme();
    if (feed == null
        || feed.getHost() == null
        || !scheme.toLowerCase(Locale.ROOT).startsWith("http")) {
      return true; // no feed, or a local directory: nothing a stranger controls
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(feed.getHost())) {
        if (internal.test(address)) {
          return true;
        }
      }
      return false;
    } catch (UnknownHostException e) {
      return false; // its downloads fail on their own; none may reach inside meanwhile
    }
  }

  /** A connection refused by this rule: never retried. */
  static final class Refused extends IOException {
    private static final long serialVersionUID = 1L;

    Refused(String message) {
      super(message);
    }
  }
}
