package dev.depot.plugin.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A real HTTP server on 127.0.0.1 serving the files of a directory, as a remote feed, and counting
 * the {@code GET} requests for each file: a test can then tell whether a sync fetched a file, and
 * how often.
 *
 * <pre>{@code
 * try (FeedServer feed = FeedServer.serving(feedDir)) {
 *   importer.syncRepo(repo, conduit, PluginCallConfiguration.of(Map.of("feed", feed.url())));
 *   assertThat(feed.gets("a.iso")).isEqualTo(1);
 * }
 * }</pre>
 */
public final class FeedServer implements AutoCloseable {
  private final Path root;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();
  private volatile Consumer<String> beforeEachGet = path -> {};

  private FeedServer(Path root, HttpServer server) {
    this.root = root;
    this.server = server;
  }

  /** Starts serving {@code dir} at {@link #url()} on a free port. */
  public static FeedServer serving(Path dir) throws IOException {
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 50);
    FeedServer feed = new FeedServer(dir.toAbsolutePath().normalize(), server);
    server.createContext("/", feed::handle);
    server.setExecutor(feed.executor);
    server.start();
    return feed;
  }

  /**
   * The URL of the served directory, with a trailing slash, e.g. {@code http://127.0.0.1:4711/}.
   */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /**
   * Calls {@code hook} with the path of each {@code GET} request, on the server's thread, before
   * answering it: to act while a client is in the middle of its work (cancel it, say).
   */
  public void beforeEachGet(Consumer<String> hook) {
    beforeEachGet = java.util.Objects.requireNonNull(hook, "hook");
  }

  /** How many {@code GET} requests asked for the file at this path below the served directory. */
  public int gets(String relativePath) {
    AtomicInteger count = gets.get(relativePath.replace('\\', '/'));
    return count == null ? 0 : count.get();
  }

  /** How many {@code GET} requests asked for this file, which must be inside the directory. */
  public int gets(Path file) {
    return gets(root.relativize(file.toAbsolutePath().normalize()).toString());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path =
          URLDecoder.decode(exchange.getRequestURI().getRawPath(), StandardCharsets.UTF_8);
      String relative = path.startsWith("/") ? path.substring(1) : path;
      Path file = root.resolve(relative).normalize();
      boolean head = exchange.getRequestMethod().equals("HEAD");
      if (!head && !exchange.getRequestMethod().equals("GET")) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      if (!head) {
        gets.computeIfAbsent(relative, k -> new AtomicInteger()).incrementAndGet();
        beforeEachGet.accept(relative);
      }
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      long size = Files.size(file);
      exchange.sendResponseHeaders(200, head ? -1 : (size == 0 ? -1 : size));
      if (!head) {
        try (InputStream in = Files.newInputStream(file);
            OutputStream out = exchange.getResponseBody()) {
          in.transferTo(out);
        }
      }
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
