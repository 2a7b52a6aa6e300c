package dev.depot.publish.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed on the internet may not lead a download to a private network, over real sockets. Here
 * 127.0.0.1 plays the private network (a service that must stay unreached) and 127.0.0.2 the
 * internet, where the feed is: the test tells the downloader so, as every address of this machine
 * is internal in truth ({@link InternalAddressesTest}).
 */
class FeedReachTest {
  private static final Predicate<InetAddress> ONLY_127_0_0_1_INTERNAL =
      a -> a.getHostAddress().equals("127.0.0.1");

  @TempDir Path dir;
  HttpServer internal;
  HttpServer feed;
  final AtomicInteger secretsServed = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    internal = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    internal.createContext(
        "/secret",
        exchange -> {
          secretsServed.incrementAndGet();
          byte[] body = "secret".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    internal.start();
    feed = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    feed.createContext(
        "/module.tar.gz",
        exchange -> {
          byte[] body = "module".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    feed.createContext(
        "/redirect",
        exchange -> {
          exchange.getResponseHeaders().add("Location", secretUrl("127.0.0.1").toString());
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    feed.start();
  }

  @AfterEach
  void stop() {
    internal.stop(0);
    feed.stop(0);
  }

  private URI feedUrl(String path) {
    return URI.create("http://127.0.0.2:" + feed.getAddress().getPort() + "/" + path);
  }

  private URI secretUrl(String host) {
    return URI.create("http://" + host + ":" + internal.getAddress().getPort() + "/secret");
  }

  private Downloader downloaderFor(URI feedUri) {
    return new Downloader(
        DownloadSettings.defaults().forFeed(feedUri), null, ONLY_127_0_0_1_INTERNAL);
  }

  @Test
  void aFeedOnTheInternetIsDownloadedFrom() throws Exception {
    try (Downloader downloader = downloaderFor(feedUrl(""))) {
      downloader.fetch(feedUrl("module.tar.gz"), dir.resolve("m.tar.gz"));
    }
    assertThat(dir.resolve("m.tar.gz")).hasContent("module");
  }

  @Test
  void itsListingCannotNameAnInternalAddressByNumberOrByName() throws Exception {
    try (Downloader downloader = downloaderFor(feedUrl(""))) {
      for (String host : new String[] {"127.0.0.1", "localhost"}) {
        assertThatThrownBy(() -> downloader.fetch(secretUrl(host), dir.resolve("s")))
            .isInstanceOf(DownloadFailure.class)
            .hasMessageContaining("is an address of a private network (127.0.0.1)")
            .hasMessageContaining("the feed 127.0.0.2 is not")
            .satisfies(e -> assertThat(((DownloadFailure) e).isTransient()).isFalse());
      }
    }
    assertThat(secretsServed).hasValue(0);
    assertThat(Files.exists(dir.resolve("s"))).isFalse();
  }

  @Test
  void norCanItsRedirects() throws Exception {
    try (Downloader downloader = downloaderFor(feedUrl(""))) {
      assertThatThrownBy(() -> downloader.fetch(feedUrl("redirect"), dir.resolve("s")))
          .isInstanceOf(DownloadFailure.class)
          .hasMessageContaining("redirected to " + secretUrl("127.0.0.1"))
          .hasMessageContaining("private network");
    }
    assertThat(secretsServed).hasValue(0);
  }

  @Test
  void aFeedOnThePrivateNetworkReachesIt() throws Exception {
    try (Downloader downloader = downloaderFor(secretUrl("localhost").resolve("/"))) {
      downloader.fetch(feedUrl("redirect"), dir.resolve("s"));
    }
    assertThat(dir.resolve("s")).hasContent("secret");
  }

  @Test
  void downloadsOfNoFeedAndOfALocalDirectoryReachAnyAddress() throws Exception {
    for (URI none : new URI[] {null, dir.toUri()}) {
      try (Downloader downloader = downloaderFor(none)) {
        downloader.fetch(feedUrl("redirect"), dir.resolve("s"));
      }
    }
    assertThat(secretsServed).hasValue(2);
  }
}
