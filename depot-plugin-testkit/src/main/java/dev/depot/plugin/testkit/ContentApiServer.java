package dev.depot.plugin.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.depot.plugin.ContentApi;
import dev.depot.plugin.ContentPaths;
import dev.depot.plugin.ContentRequest;
import dev.depot.plugin.ContentResponse;
import dev.depot.plugin.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Hosts one {@link ContentApi} on a real HTTP server on 127.0.0.1, without Depot, so a plugin's
 * tests can call its API with any HTTP client. Applies the server's rules: GET and HEAD only (405
 * otherwise), unsafe paths ({@code ..} or {@code .} segments, encoded slashes, backslashes, NUL)
 * refused with 400 before the API sees them, {@link ContentResponse.File} served only when its real
 * path lies inside the publish root or a given content root (404 otherwise), an API that throws
 * answered 500. Plain HTTP only: requests reach the API as {@code http}, unless started with {@link
 * #start(ContentApi, Platform, String, Path...)}.
 *
 * <pre>{@code
 * try (ContentApiServer server = ContentApiServer.start(new MemoApi(), platform)) {
 *   HttpResponse<String> memos = http.send(
 *       HttpRequest.newBuilder(URI.create(server.baseUrl() + "/repository/r1/memos.json")).build(),
 *       BodyHandlers.ofString());
 * }
 * }</pre>
 */
public final class ContentApiServer implements AutoCloseable {
  private final ContentApi api;
  private final String protocol;
  private final List<Path> roots;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  private ContentApiServer(ContentApi api, String protocol, List<Path> roots, HttpServer server) {
    this.api = api;
    this.protocol = protocol;
    this.roots = roots;
    this.server = server;
  }

  /**
   * Starts {@code api} (calling its {@code start} with {@code platform}) on a free port; files are
   * served from inside the platform's publish root only.
   */
  public static ContentApiServer start(ContentApi api, Platform platform) throws IOException {
    return start(api, platform, "http");
  }

  /**
   * As {@link #start(ContentApi, Platform)}, telling the API requests came over {@code protocol}
   * ({@code http} or {@code https}; the transport stays plain HTTP), and also serving files inside
   * {@code contentRoots} (where a test's published links point, its content store).
   */
  public static ContentApiServer start(
      ContentApi api, Platform platform, String protocol, Path... contentRoots) throws IOException {
    if (!ContentApi.isValidPrefix(api.prefix())) {
      throw new IllegalArgumentException("bad content API prefix: " + api.prefix());
    }
    List<Path> roots = new ArrayList<>();
    roots.add(real(platform.publishRoot()));
    for (Path root : contentRoots) {
      roots.add(real(root));
    }
    api.start(platform);
    HttpServer http =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 50);
    ContentApiServer server = new ContentApiServer(api, protocol, List.copyOf(roots), http);
    http.createContext("/", server::handle);
    http.setExecutor(server.executor);
    http.start();
    return server;
  }

  /** Where the API answers: {@code http://127.0.0.1:<port><prefix>}, without trailing slash. */
  public URI baseUrl() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + api.prefix());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String raw = exchange.getRequestURI().getRawPath();
      if (!raw.equals(api.prefix()) && !raw.startsWith(api.prefix() + "/")) {
        send(exchange, ContentResponse.notFound("Nothing is served at " + raw));
        return;
      }
      if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        send(exchange, ContentResponse.error(405, "Method " + method + " is not allowed here"));
        return;
      }
      Optional<String> path = ContentPaths.decode(raw.substring(api.prefix().length()));
      Map<String, List<String>> query;
      try {
        query = ContentPaths.query(exchange.getRequestURI().getRawQuery());
      } catch (IllegalArgumentException e) {
        path = Optional.empty();
        query = Map.of();
      }
      if (path.isEmpty()) {
        send(exchange, ContentResponse.error(400, "Malformed or unsafe request path or query"));
        return;
      }
      send(exchange, answer(new ContentRequest(protocol, method, path.get(), query, baseUrl())));
    }
  }

  private ContentResponse answer(ContentRequest request) {
    try {
      return api.handle(request);
    } catch (IOException | RuntimeException e) {
      System.err.println("ContentApiServer: " + api.getClass().getName() + " threw: " + e);
      return ContentResponse.error(500, "Internal server error");
    }
  }

  private void send(HttpExchange exchange, ContentResponse response) throws IOException {
    boolean head = exchange.getRequestMethod().equals("HEAD");
    switch (response) {
      case ContentResponse.Json json -> {
        byte[] body = json.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(exchange, json.status(), body.length, head, out -> out.write(body));
      }
      case ContentResponse.File file -> {
        if (!isConfined(file.file())) {
          send(exchange, ContentResponse.notFound("Not found"));
          return;
        }
        exchange.getResponseHeaders().set("Content-Type", file.contentType());
        try (InputStream in = Files.newInputStream(file.file())) {
          send(exchange, 200, Files.size(file.file()), head, in::transferTo);
        }
      }
    }
  }

  private interface Body {
    void writeTo(OutputStream out) throws IOException;
  }

  private static void send(HttpExchange exchange, int status, long length, boolean head, Body body)
      throws IOException {
    if (head) {
      exchange.getResponseHeaders().set("Content-Length", Long.toString(length));
      exchange.sendResponseHeaders(status, -1);
      return;
    }
    exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
    try (OutputStream out = exchange.getResponseBody()) {
      body.writeTo(out);
    }
  }

  private boolean isConfined(Path file) {
    try {
      Path real = file.toRealPath();
      return Files.isRegularFile(real) && roots.stream().anyMatch(real::startsWith);
    } catch (IOException e) {
      return false; // missing, or a dangling link
    }
  }

  private static Path real(Path root) {
    try {
      return root.toRealPath();
    } catch (IOException e) {
      return root.toAbsolutePath().normalize();
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
