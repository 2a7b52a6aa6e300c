package dev.depot.publish.download;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens the socket a request to an origin travels on: straight to the server, or through an HTTP
 * proxy. Through a proxy, plain {@code http://} requests go to the proxy in absolute form with the
 * proxy's credentials on each request; {@code https://} goes through a {@code CONNECT} tunnel
 * (credentials sent up front, so no 407 round trip) and TLS runs end to end inside it, checking the
 * feed's certificate and presenting the client certificate exactly as without a proxy.
 */
final class Connector {
  private final SSLContext tls;
  private final int timeoutMillis;
  private final DownloadSettings.Proxy proxy;
  private final String proxyAuthorization;
  private final FeedReach reach;

  /**
   * @param proxy the proxy every connection goes through, or null for direct connections
   * @param reach which addresses a direct connection may go to
   */
  Connector(SSLContext tls, int timeoutMillis, DownloadSettings.Proxy proxy, FeedReach reach) {
    this.tls = tls;
    this.reach = reach;
    this.timeoutMillis = timeoutMillis;
    this.proxy = proxy;
    this.proxyAuthorization =
        proxy == null || proxy.username() == null
            ? null
            : HttpStatus.basic(proxy.username(), proxy.password());
  }

  /** Whether a request to {@code origin} names the whole URL: plain HTTP sent to a proxy. */
  boolean absoluteForm(Origin origin) {
    return proxy != null && !origin.https();
  }

  /** Header fields every request to {@code origin} carries beyond its own. */
  Map<String, String> hopHeaders(Origin origin) {
    return absoluteForm(origin) && proxyAuthorization != null
        ? Map.of("Proxy-Authorization", proxyAuthorization)
        : Map.of();
  }

  /** A proxy's refusal of a plain HTTP request, when the response is one. */
  ProxyFailure refusal(Origin origin, int status, Map<String, String> headers) {
    boolean fromProxy =
        status == 407 || (status == 401 && headers.containsKey("proxy-authenticate"));
    return absoluteForm(origin) && fromProxy
        ? ProxyFailure.refused(proxy, status, origin.authority())
        : null;
  }

  /** A connected socket to {@code origin}, TLS handshake done for {@code https}. */
  Socket open(Origin origin) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      if (proxy == null) {
        InetAddress address = reach.resolve(origin.host());
        socket.connect(new InetSocketAddress(address, origin.port()), timeoutMillis);
      } else {
        connectToProxy(socket);
      }
      socket.setSoTimeout(timeoutMillis);
      if (!origin.https()) {
        return socket;
      }
      if (proxy != null) {
        tunnel(socket, origin);
      }
      return handshake(socket, origin);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private void connectToProxy(Socket socket) throws IOException {
    try {
      socket.connect(new InetSocketAddress(proxy.host(), proxy.port()), timeoutMillis);
    } catch (UnknownHostException e) {
      throw ProxyFailure.unreachable(proxy, "the name does not resolve", e);
    } catch (ConnectException e) {
      String why =
          String.valueOf(e.getMessage()).contains("refused")
              ? "nothing listens there"
              : e.getMessage();
      throw ProxyFailure.unreachable(proxy, why, e);
    } catch (NoRouteToHostException e) {
      throw ProxyFailure.unreachable(proxy, "no route to host", e);
    } catch (SocketTimeoutException e) {
      throw ProxyFailure.unreachable(proxy, "timed out", e);
    }
  }

  /** Asks the proxy for a tunnel to {@code origin}; on return the socket speaks to the origin. */
  private void tunnel(Socket socket, Origin origin) throws IOException {
    StringBuilder request = new StringBuilder("CONNECT ").append(origin.authority());
    request.append(" HTTP/1.1\r\nHost: ").append(origin.authority()).append("\r\n");
    request.append("User-Agent: Depot\r\n");
    if (proxyAuthorization != null) {
      request.append("Proxy-Authorization: ").append(proxyAuthorization).append("\r\n");
    }
    OutputStream out = socket.getOutputStream();
    out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    // Read without a buffer: whatever follows the head belongs to the TLS layer on top.
    ResponseHead head;
    do {
      head = ResponseHead.read(socket.getInputStream());
    } while (head.status() >= 100 && head.status() < 200);
    if (head.status() / 100 != 2) {
      throw ProxyFailure.refused(proxy, head.status(), origin.authority());
    }
  }

  private Socket handshake(Socket socket, Origin origin) throws IOException {
    SSLSocket secure =
        (SSLSocket) tls.getSocketFactory().createSocket(socket, origin.host(), origin.port(), true);
    SSLParameters parameters = secure.getSSLParameters();
    // The certificate must name the host (unless ssl_validation is off: that trust manager
    // accepts anything, names included).
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    secure.setSSLParameters(parameters);
    try {
      secure.startHandshake();
    } catch (javax.net.ssl.SSLHandshakeException e) {
      throw TlsFailures.explained(origin, e);
    }
    return secure;
  }
}
