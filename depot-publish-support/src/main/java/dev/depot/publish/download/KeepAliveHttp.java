package dev.depot.publish.download;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import javax.net.ssl.SSLContext;

/**
 * A small HTTP/1.1 client for what a sync does most: many {@code GET}s of static files from one
 * server. Each request runs on the calling (virtual) thread over a blocking socket, and connections
 * are kept alive and reused. The JDK's HttpClient hands every request back and forth between its
 * selector thread and the caller, which costs more than fetching a 16 KiB file from a nearby
 * server: a sync of 10,000 such files spent most of its time there.
 *
 * <p>It is the only HTTP client of downloads: through a proxy too ({@link Connector}). Responses
 * are read defensively ({@link ResponseHead}, {@link ResponseBody}): a header block is capped at
 * {@value #MAX_HEADER_BYTES} bytes, chunk-size lines at {@value #MAX_LINE_BYTES}, and a body ends
 * exactly where its framing says.
 */
final class KeepAliveHttp implements AutoCloseable {
  static final int MAX_HEADER_BYTES = 64 * 1024;
  static final int MAX_LINE_BYTES = 8 * 1024;

  /** Idle connections kept per server: more than any sane {@code num_threads}. */
  private static final int MAX_IDLE_PER_ORIGIN = 32;

  private final Connector connector;
  private final Map<String, ConcurrentLinkedDeque<HttpConnection>> idle = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A client connecting straight to any server. */
  KeepAliveHttp(SSLContext tls, int timeoutMillis) {
    this(tls, timeoutMillis, null, FeedReach.unlimited());
  }

  /**
   * A client sending every request through {@code proxy} (none when null), connecting directly only
   * where {@code reach} allows.
   */
  KeepAliveHttp(SSLContext tls, int timeoutMillis, DownloadSettings.Proxy proxy, FeedReach reach) {
    this.connector = new Connector(tls, timeoutMillis, proxy, reach);
  }

  /**
   * A response: its status, its header fields (names in lower case, repeated fields joined with
   * {@code ", "}), and its body, which the caller must close.
   */
  record Response(int status, Map<String, String> headers, InputStream body) {}

  /**
   * Sends {@code GET uri} with the given extra header fields and reads the response head.
   *
   * @throws ProxyFailure when the proxy could not be reached or refused the request
   */
  Response get(URI uri, Map<String, String> headers) throws IOException {
    Origin origin = Origin.of(uri);
    byte[] request = request(uri, origin, headers);
    while (true) {
      HttpConnection pooled = pooled(origin);
      HttpConnection connection =
          pooled != null
              ? pooled
              : new HttpConnection(origin, connector.open(origin), this::release);
      try {
        connection.out.write(request);
        connection.out.flush();
        return readResponse(connection);
      } catch (SocketTimeoutException | ProxyFailure e) {
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

  private byte[] request(URI uri, Origin origin, Map<String, String> headers) {
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    StringBuilder head = new StringBuilder("GET ");
    if (connector.absoluteForm(origin)) {
      head.append("http://").append(origin.hostHeader());
    }
    head.append(path);
    if (uri.getRawQuery() != null) {
      head.append('?').append(uri.getRawQuery());
    }
    head.append(" HTTP/1.1\r\nHost: ").append(origin.hostHeader()).append("\r\n");
    head.append("User-Agent: Depot\r\nAccept-Encoding: identity\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    connector
        .hopHeaders(origin)
        .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private Response readResponse(HttpConnection connection) throws IOException {
    ResponseHead head;
    do {
      head = ResponseHead.read(connection.in);
    } while (head.status() >= 100 && head.status() < 200); // 100 Continue and the like
    ResponseBody body = ResponseBody.following(head, connection);
    ProxyFailure refusal = connector.refusal(connection.origin, head.status(), head.headers());
    if (refusal != null) {
      body.close();
      throw refusal;
    }
    return new Response(head.status(), head.headers(), body);
  }

  private HttpConnection pooled(Origin origin) {
    ConcurrentLinkedDeque<HttpConnection> connections = idle.get(origin.key());
    return connections == null ? null : connections.pollFirst();
  }

  private void release(HttpConnection connection) {
    if (!closed) {
      ConcurrentLinkedDeque<HttpConnection> connections =
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
    idle.values().forEach(connections -> connections.forEach(HttpConnection::close));
    idle.clear();
  }
}
