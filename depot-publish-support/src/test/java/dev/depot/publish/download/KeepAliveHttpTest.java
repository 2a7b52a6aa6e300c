package dev.depot.publish.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.publish.tls.TrustEverything;
import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keep-alive client against a scripted server that answers each request with the next of a list
 * of raw responses, so that framing, reuse and broken answers can be exact.
 */
class KeepAliveHttpTest {
  final List<String> requests = new CopyOnWriteArrayList<>();
  final AtomicInteger connections = new AtomicInteger();
  ServerSocket server;
  KeepAliveHttp http;

  @AfterEach
  void stop() throws IOException {
    if (http != null) {
      http.close();
    }
    if (server != null) {
      server.close();
    }
  }

  /**
   * Serves the responses in order, one per request; a response ending in {@code <close>} is
   * followed by closing the connection.
   */
  URI serve(String... responses) throws Exception {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    http = new KeepAliveHttp(SSLContext.getDefault(), 5_000);
    serveOn(server, responses);
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/feed/a.bin?x=1");
  }

  private void serveOn(ServerSocket server, String... responses) {
    AtomicInteger next = new AtomicInteger();
    Thread.ofVirtual()
        .start(
            () -> {
              while (!server.isClosed()) {
                try {
                  Socket socket = server.accept();
                  connections.incrementAndGet();
                  Thread.ofVirtual().start(() -> answer(socket, responses, next));
                } catch (IOException e) {
                  return;
                }
              }
            });
  }

  private void answer(Socket socket, String[] responses, AtomicInteger next) {
    try (socket) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      OutputStream out = socket.getOutputStream();
      while (true) {
        StringBuilder head = new StringBuilder();
        for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
          head.append(line).append('\n');
        }
        if (head.isEmpty()) {
          return;
        }
        requests.add(head.toString());
        String response = responses[next.getAndIncrement()];
        boolean close = response.endsWith("<close>");
        out.write(response.replace("<close>", "").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        if (close) {
          return;
        }
      }
    } catch (IOException e) {
      // The client went away.
    }
  }

  private String body(URI uri) throws IOException {
    try (InputStream in = http.get(uri, Map.of()).body()) {
      return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }

  @Test
  void requestsShareOneKeptAliveConnection() throws Exception {
    String ok = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
    URI uri = serve(ok, ok, ok);

    assertThat(List.of(body(uri), body(uri), body(uri))).containsOnly("hello");
    assertThat(connections).hasValue(1);
    assertThat(requests.get(0))
        .startsWith("GET /feed/a.bin?x=1 HTTP/1.1\n")
        .contains("Host: 127.0.0.1:" + uri.getPort());
  }

  @Test
  void chunkedBodiesAreDecodedAndTheConnectionReused() throws Exception {
    URI uri =
        serve(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;name=value\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: 1\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    assertThat(body(uri)).isEqualTo("hello world");
    assertThat(body(uri)).isEqualTo("ok");
    assertThat(connections).hasValue(1);
  }

  @Test
  void aKeptConnectionTheServerClosedIsReplacedQuietly() throws Exception {
    URI uri =
        serve(
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\none<close>",
            "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\ntwo");

    assertThat(body(uri)).isEqualTo("one");
    Thread.sleep(100); // the server has closed its end by now
    assertThat(body(uri)).isEqualTo("two");
    assertThat(connections).hasValue(2);
  }

  @Test
  void aBodyWithoutLengthEndsWithTheConnection() throws Exception {
    URI uri =
        serve(
            "HTTP/1.0 200 OK\r\n\r\nuntil the end<close>",
            "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 4\r\n\r\nnext<close>",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nthird");

    assertThat(body(uri)).isEqualTo("until the end");
    assertThat(body(uri)).isEqualTo("next");
    assertThat(body(uri)).isEqualTo("third");
    assertThat(connections).hasValue(3);
  }

  @Test
  void closingABodyBeforeItsEndDropsItsConnection() throws Exception {
    URI uri =
        serve(
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789",
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");

    try (InputStream in = http.get(uri, Map.of()).body()) {
      assertThat(in.read()).isEqualTo('0');
    }
    assertThat(body(uri)).isEqualTo("ok");
    assertThat(connections).hasValue(2);
  }

  @Test
  void statusAndHeadersAreReadAndRepeatedFieldsJoined() throws Exception {
    URI uri =
        serve(
            "HTTP/1.1 302 Found\r\nLocation: /other\r\nX-A: 1\r\nx-a: 2\r\nContent-Length: 0\r\n\r\n");

    KeepAliveHttp.Response response = http.get(uri, Map.of("Authorization", "Basic eDp5"));

    assertThat(response.status()).isEqualTo(302);
    assertThat(response.headers()).containsEntry("location", "/other").containsEntry("x-a", "1, 2");
    assertThat(requests.get(0)).contains("Authorization: Basic eDp5");
  }

  @Test
  void brokenAnswersFailClearly() throws Exception {
    URI uri =
        serve(
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort<close>",
            "HTTP/1.1 200 OK\r\nX-Big: " + "a".repeat(KeepAliveHttp.MAX_HEADER_BYTES) + "\r\n\r\n",
            "SSH-2.0-OpenSSH\r\n\r\n<close>",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n<close>");

    assertThatThrownBy(() -> body(uri)).isInstanceOf(EOFException.class).hasMessageContaining("5");
    assertThatThrownBy(() -> body(uri)).hasMessageContaining("too long");
    assertThatThrownBy(() -> body(uri)).hasMessageContaining("not an HTTP/1.x response");
    assertThatThrownBy(() -> body(uri)).hasMessageContaining("bad chunk size");
  }

  @Test
  void httpsChecksTheCertificateAndTheHostNameItNames(@TempDir Path dir) throws Exception {
    KeyStore keys = keyStoreFor(dir, "localhost");
    SSLContext serverTls = SSLContext.getInstance("TLS");
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, PASSWORD);
    serverTls.init(keyManagers.getKeyManagers(), null, null);
    server =
        serverTls
            .getServerSocketFactory()
            .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    String ok = "HTTP/1.1 200 OK\r\nContent-Length: 6\r\n\r\nsecret";
    serveOn(server, ok, ok, ok);
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    trusted.setCertificateEntry("server", keys.getCertificate("t"));
    TrustManagerFactory trustManagers =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trustManagers.init(trusted);
    SSLContext clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, trustManagers.getTrustManagers(), null);
    int port = server.getLocalPort();

    http = new KeepAliveHttp(clientTls, 5_000);
    assertThat(body(URI.create("https://localhost:" + port + "/a"))).isEqualTo("secret");
    // The same trusted certificate, reached by a name it does not carry.
    assertThatThrownBy(() -> body(URI.create("https://127.0.0.1:" + port + "/a")))
        .isInstanceOf(SSLHandshakeException.class);
    http.close();

    // ssl_validation off: any certificate, any name.
    SSLContext trustAll = SSLContext.getInstance("TLS");
    trustAll.init(null, new TrustManager[] {new TrustEverything()}, null);
    http = new KeepAliveHttp(trustAll, 5_000);
    assertThat(body(URI.create("https://127.0.0.1:" + port + "/a"))).isEqualTo("secret");
  }

  static final char[] PASSWORD = "changeit".toCharArray();

  /** A self-signed certificate for {@code host} and its key, made by the JDK's keytool. */
  static KeyStore keyStoreFor(Path dir, String host) throws Exception {
    Path store = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-keyalg",
                "EC",
                "-alias",
                "t",
                "-dname",
                "CN=" + host,
                "-ext",
                "SAN=dns:" + host,
                "-validity",
                "2",
                "-keystore",
                store.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                new String(PASSWORD))
            .redirectErrorStream(true)
            .start();
    String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor()).as(out).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keys.load(in, PASSWORD);
    }
    return keys;
  }
}
