package dev.depot.publish.download;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The status line and header fields of an HTTP/1.x response, read defensively: the whole head is
 * capped at {@value KeepAliveHttp#MAX_HEADER_BYTES} bytes. Both a server's answer and a proxy's
 * answer to {@code CONNECT} are read with it.
 *
 * @param headers field names in lower case, repeated fields joined with {@code ", "}
 */
record ResponseHead(int status, boolean http11, Map<String, String> headers) {

  /** Reads one head; {@code 1xx} interim answers are returned like any other. */
  static ResponseHead read(InputStream in) throws IOException {
    int[] budget = {KeepAliveHttp.MAX_HEADER_BYTES};
    String statusLine = HttpConnection.readLine(in, budget);
    if (statusLine == null) {
      throw new EOFException("the server closed the connection before answering");
    }
    // HTTP/1.1 200 OK
    if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
      throw new IOException("not an HTTP/1.x response: " + printable(statusLine));
    }
    int status;
    try {
      status = Integer.parseInt(statusLine.substring(9, 12));
    } catch (NumberFormatException e) {
      throw new IOException("no status code in " + printable(statusLine), e);
    }
    Map<String, String> headers = new HashMap<>();
    String last = null;
    for (String line; !(line = requireLine(in, budget)).isEmpty(); ) {
      if ((line.charAt(0) == ' ' || line.charAt(0) == '\t') && last != null) {
        headers.merge(last, line.strip(), (a, b) -> a + " " + b); // obsolete line folding
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line: " + printable(line));
      }
      last = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      headers.merge(last, line.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
    }
    return new ResponseHead(status, statusLine.startsWith("HTTP/1.1"), headers);
  }

  private static String requireLine(InputStream in, int[] budget) throws IOException {
    String line = HttpConnection.readLine(in, budget);
    if (line == null) {
      throw new EOFException("the server closed the connection inside the response head");
    }
    return line;
  }

  /** Whether the connection may carry another request after this response. */
  boolean keepAlive() {
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    return http11 ? !connection.contains("close") : connection.contains("keep-alive");
  }

  /** The body's length from {@code Content-Length}, which must be one non-negative number. */
  static long contentLength(String value) throws IOException {
    String first = value.split(",")[0].strip(); // repeated identical fields were joined
    for (String other : value.split(",")) {
      if (!other.strip().equals(first)) {
        throw new IOException("conflicting Content-Length: " + printable(value));
      }
    }
    try {
      long length = Long.parseLong(first);
      if (length < 0) {
        throw new NumberFormatException();
      }
      return length;
    } catch (NumberFormatException e) {
      throw new IOException("bad Content-Length: " + printable(value), e);
    }
  }

  /** A server's text cut short and stripped of control characters, for an error message. */
  static String printable(String text) {
    String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }
}
