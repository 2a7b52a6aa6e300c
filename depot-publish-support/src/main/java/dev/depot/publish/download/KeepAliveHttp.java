package dev.depot.publish.download;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A small HTTP/1.1 client for what a sync does most: many {@code GET}s of static files from one
 * server. Each request runs on the calling (virtual) thread over a blocking socket, and connections
 * are kept alive and reused. The JDK's HttpClient hands every request back and forth between its
 * selector thread and the caller, which costs more than fetching a 16 KiB file from a nearby
 * server: a sync of 10,000 such files spent most of its time there.
 *
 * <p>Responses are read defensively: a header block is capped at {@value #MAX_HEADER_BYTES} bytes,
 * chunk-size lines at {@value #MAX_LINE_BYTES}, and a body ends exactly where its framing says.
 * Closing a body before its end closes the connection, which is also how a download blocked in a
 * read is cancelled from another thread. Proxies are not spoken here; {@link Downloader} leaves
 * them to the JDK client.
 */
final class KeepAliveHttp implements AutoCloseable {
  static final int MAX_HEADER_BYTES = 64 * 1024;
  static final int MAX_LINE_BYTES = 8 * 1024;

  /** Idle connections kept per server: more than any sane {@code num_threads}. */
  private static final int MAX_IDLE_PER_ORIGIN = 32;

  private final SSLContext tls;
  private final int timeoutMillis;
  private final Map<String, ConcurrentLinkedDeque<Connection>> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  KeepAliveHttp(SSLContext tls, int timeoutMillis) {
    this.tls = tls;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * A response: its status, its header fields (names in lower case, repeated fields joined with
   * {@code ", "}), and its body, which the caller must close.
   */
  record Response(int status, Map<String, String> headers, InputStream body) {}

  /** Sends {@code GET uri} with the given extra header fields and reads the response head. */
  Response get(URI uri, Map<String, String> headers) throws IOException {
    Origin origin = Origin.of(uri);
    byte[] request = request(uri, origin, headers);
    while (true) {
      Connection pooled = pooled(origin);
      Connection connection = pooled != null ? pooled : connect(origin);
      try {
        connection.out.write(request);
        connection.out.flush();
        return connection.readResponse();
      } catch (SocketTimeoutException e) {
        connection.close();
        throw e;
      } catch (IOException e) {
        connection.close();
        // A kept-alive connection the server has closed meanwhile fails at once: try the next one,
        // or a new one. A new connection failing is the answer.
        if (pooled == null || closed) {
          throw e;
        }
      }
    }
  }

  private static byte[] request(URI uri, Origin origin, Map<String, String> headers) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder head = new StringBuilder("GET ").append(path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(origin.hostHeader()).append("\r\n");
    head.append("User-Agent: Depot\r\nAccept-Encoding: identity\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Connection pooled(Origin origin) {
    ConcurrentLinkedDeque<Connection> connections = idle.get(origin.key());
    return connections == null ? null : connections.pollFirst();
  }

  private Connection connect(Origin origin) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(origin.host(), origin.port()), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      if (origin.https()) {
        SSLSocket secure =
            (SSLSocket)
                tls.getSocketFactory().createSocket(socket, origin.host(), origin.port(), true);
        SSLParameters parameters = secure.getSSLParameters();
        // The certificate must name the host (unless ssl_validation is off: that trust manager
        // accepts anything, names included).
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        secure.setSSLParameters(parameters);
        secure.startHandshake();
        socket = secure;
      }
      return new Connection(origin, socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void release(Connection connection) {
    if (!closed) {
      ConcurrentLinkedDeque<Connection> connections =
          idle.computeIfAbsent(connection.origin.key(), k -> new ConcurrentLinkedDeque<>());
      if (connections.size() < MAX_IDLE_PER_ORIGIN) {
        connections.addFirst(connection);
        if (!closed) {
          return;
        }
        connections.remove(connection);
      }
    }
    connection.close();
  }

  /** Closes every idle connection; bodies still open close theirs when they end. */
  @Override
  public void close() {
    closed = true;
    idle.values().forEach(connections -> connections.forEach(Connection::close));
    idle.clear();
  }

  /** Where a connection goes: scheme, host and port. */
  private record Origin(boolean https, String host, int port) {
    static Origin of(URI uri) {
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      boolean https = scheme.equals("https");
      String host = uri.getHost();
      if (host == null) {
        throw new IllegalArgumentException("no host in " + uri);
      }
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1); // an IPv6 literal
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
      return new Origin(https, host, port);
    }

    String key() {
      return (https ? "https://" : "http://") + host + ":" + port;
    }

    String hostHeader() {
      String name = host.contains(":") ? "[" + host + "]" : host;
      return port == (https ? 443 : 80) ? name : name + ":" + port;
    }
  }

  /** One socket, and the framing of the response being read on it. */
  private final class Connection {
    private final Origin origin;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    Connection(Origin origin, Socket socket) throws IOException {
      this.origin = origin;
      this.socket = socket;
      this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
      this.out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
    }

    Response readResponse() throws IOException {
      Head head;
      do {
        head = readHead();
      } while (head.status() >= 100 && head.status() < 200); // 100 Continue and the like
      Map<String, String> headers = head.headers();
      boolean keepAlive = keepAlive(head);
      String transfer = headers.get("transfer-encoding");
      InputStream body;
      if (head.status() == 204 || head.status() == 304) {
        body = new FixedBody(this, 0, keepAlive);
      } else if (transfer != null) {
        if (!transfer.toLowerCase(Locale.ROOT).endsWith("chunked")) {
          body = new UntilCloseBody(this); // a coding we do not speak ends with the connection
        } else {
          body = new ChunkedBody(this, keepAlive);
        }
      } else if (headers.containsKey("content-length")) {
        body = new FixedBody(this, contentLength(headers.get("content-length")), keepAlive);
      } else {
        body = new UntilCloseBody(this);
      }
      return new Response(head.status(), headers, body);
    }

    private boolean keepAlive(Head head) {
      String connection = head.headers().getOrDefault("connection", "").toLowerCase(Locale.ROOT);
      return head.http11() ? !connection.contains("close") : connection.contains("keep-alive");
    }

    private Head readHead() throws IOException {
      int[] budget = {MAX_HEADER_BYTES};
      String statusLine = readLine(budget);
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
      for (String line; !(line = readLine(budget)).isEmpty(); ) {
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
      return new Head(status, statusLine.startsWith("HTTP/1.1"), headers);
    }

    /** A CRLF- (or LF-) terminated line, null at end of stream before any byte. */
    String readLine(int[] budget) throws IOException {
      StringBuilder line = new StringBuilder();
      for (int b; (b = in.read()) != '\n'; ) {
        if (b < 0) {
          if (line.isEmpty()) {
            return null;
          }
          throw new EOFException("the server closed the connection in the middle of a line");
        }
        if (--budget[0] < 0) {
          throw new IOException("the server's response head is too long");
        }
        line.append((char) b);
      }
      int end = line.length();
      return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // Nothing is left to do with a connection being thrown away.
      }
    }
  }

  private record Head(int status, boolean http11, Map<String, String> headers) {}

  private static long contentLength(String value) throws IOException {
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

  private static String printable(String text) {
    String cut = text.length() > 200 ? text.substring(0, 200) + "..." : text;
    return cut.replaceAll("[^\\x20-\\x7e]", "?");
  }

  /**
   * A response body: reads end where its framing says; at that end a reusable connection goes back
   * to the pool, and closing before it closes the connection.
   */
  private abstract class Body extends InputStream {
    final Connection connection;
    private final boolean reusable;
    private volatile boolean done;
    private volatile boolean closed;

    Body(Connection connection, boolean reusable) {
      this.connection = connection;
      this.reusable = reusable;
    }

    /**
     * Reads at most {@code len} bytes of the body, -1 at its end (then {@link #end} was called).
     */
    abstract int readBody(byte[] b, int off, int len) throws IOException;

    @Override
    public final int read() throws IOException {
      byte[] one = new byte[1];
      int n = read(one, 0, 1);
      return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public final int read(byte[] b, int off, int len) throws IOException {
      if (closed) {
        throw new IOException("the response body is closed");
      }
      if (done) {
        return -1;
      }
      if (len == 0) {
        return 0;
      }
      return readBody(b, off, len);
    }

    /** The body has been read to its end. */
    final void end() {
      done = true;
      if (reusable && !closed) {
        release(connection);
      } else {
        connection.close();
      }
    }

    @Override
    public final void close() {
      if (!closed) {
        closed = true;
        if (!done) {
          connection.close(); // wakes a reader blocked in another thread, too
        }
      }
    }
  }

  private final class FixedBody extends Body {
    private long left;

    FixedBody(Connection connection, long length, boolean reusable) {
      super(connection, reusable);
      this.left = length;
      if (length == 0) {
        end();
      }
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      int n = connection.in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the server closed the connection " + left + " bytes early");
      }
      left -= n;
      if (left == 0) {
        end();
      }
      return n;
    }
  }

  private final class ChunkedBody extends Body {
    private long chunkLeft;

    ChunkedBody(Connection connection, boolean reusable) {
      super(connection, reusable);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      if (chunkLeft == 0) {
        chunkLeft = nextChunkSize();
        if (chunkLeft == 0) {
          skipTrailers();
          end();
          return -1;
        }
      }
      int n = connection.in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("the server closed the connection inside a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        String crlf = connection.readLine(new int[] {2});
        if (crlf == null || !crlf.isEmpty()) {
          throw new IOException("a chunk does not end with CRLF");
        }
      }
      return n;
    }

    private long nextChunkSize() throws IOException {
      String line = connection.readLine(new int[] {MAX_LINE_BYTES});
      if (line == null) {
        throw new EOFException("the server closed the connection before the last chunk");
      }
      int extension = line.indexOf(';');
      String hex = (extension >= 0 ? line.substring(0, extension) : line).strip();
      try {
        long size = Long.parseLong(hex, 16);
        if (size < 0) {
          throw new NumberFormatException();
        }
        return size;
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + printable(line), e);
      }
    }

    private void skipTrailers() throws IOException {
      int[] budget = {MAX_HEADER_BYTES};
      for (String line; (line = connection.readLine(budget)) != null && !line.isEmpty(); ) {
        // Trailer fields carry nothing a file download needs.
      }
    }
  }

  private final class UntilCloseBody extends Body {
    UntilCloseBody(Connection connection) {
      super(connection, false);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      int n = connection.in.read(b, off, len);
      if (n < 0) {
        end();
      }
      return n;
    }
  }
}
