package dev.depot.publish.download;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Words for HTTP statuses and credentials, shared by the feed's and the proxy's answers. */
final class HttpStatus {
  private HttpStatus() {}

  /** Reason phrases of the statuses a feed answers with; HTTP/2 sends none, so they are ours. */
  private static final Map<Integer, String> REASONS =
      Map.ofEntries(
          Map.entry(400, "Bad Request"),
          Map.entry(401, "Unauthorized"),
          Map.entry(403, "Forbidden"),
          Map.entry(404, "Not Found"),
          Map.entry(405, "Method Not Allowed"),
          Map.entry(407, "Proxy Authentication Required"),
          Map.entry(408, "Request Timeout"),
          Map.entry(410, "Gone"),
          Map.entry(429, "Too Many Requests"),
          Map.entry(500, "Internal Server Error"),
          Map.entry(502, "Bad Gateway"),
          Map.entry(503, "Service Unavailable"),
          Map.entry(504, "Gateway Timeout"));

  /** {@code "HTTP 404 Not Found"}, or {@code "HTTP 499"} for a status without a known phrase. */
  static String describe(int status) {
    String phrase = REASONS.get(status);
    return "HTTP " + status + (phrase == null ? "" : " " + phrase);
  }

  /** Whether a server answering this may answer better later: busy or failing, not refusing. */
  static boolean isTransient(int status) {
    return status >= 500 || status == 429;
  }

  /** The value of an {@code Authorization} or {@code Proxy-Authorization} field for Basic. */
  static String basic(String user, String password) {
    String pair = user + ":" + (password == null ? "" : password);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }
}
