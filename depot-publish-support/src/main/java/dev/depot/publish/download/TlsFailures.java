package dev.depot.publish.download;

import javax.net.ssl.SSLHandshakeException;

/**
 * A failed TLS handshake told in a feed owner's words: the JDK says "PKIX path building failed" for
 * a certificate no trusted CA signed, and names neither the host nor the importer keys that fix it.
 */
final class TlsFailures {
  private TlsFailures() {}

  /** The handshake failure with what it means for a feed and what to set, the JDK's text after. */
  static SSLHandshakeException explained(Origin origin, SSLHandshakeException e) {
    String text = String.valueOf(e.getMessage());
    String server = origin.host() + ":" + origin.port();
    String meaning;
    if (text.contains("PKIX path") || text.contains("unable to find valid certification path")) {
      meaning =
          "the certificate of "
              + server
              + " is not signed by a CA Depot trusts: give the importer's ssl_ca_cert (the CA's"
              + " PEM), or set ssl_validation false";
    } else if (text.contains("subject alternative name") || text.contains("No name matching")) {
      meaning =
          "the certificate of "
              + server
              + " does not name "
              + origin.host()
              + ": use the name it carries in the feed, or set ssl_validation false";
    } else if (text.contains("validity check failed") || text.contains("expired")) {
      meaning = "the certificate of " + server + " has expired or is not valid yet";
    } else {
      meaning = "the TLS handshake with " + server + " failed";
    }
    SSLHandshakeException explained = new SSLHandshakeException(meaning + " (" + text + ")");
    explained.initCause(e);
    return explained;
  }
}
