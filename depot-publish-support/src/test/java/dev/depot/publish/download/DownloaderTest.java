package dev.depot.publish.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.depot.publish.download.Downloader.Expected;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a real HTTP server on a socket, and against files. */
class DownloaderTest {
  private static final byte[] BODY = "hello, depot\n".repeat(1000).getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  HttpServer server;
  final AtomicInteger failuresLeft = new AtomicInteger();
  final CountDownLatch slowStarted = new CountDownLatch(1);

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/file",
        exchange -> {
          if (failuresLeft.getAndDecrement() > 0) {
            exchange.sendResponseHeaders(503, -1);
          } else {
            exchange.sendResponseHeaders(200, BODY.length);
            exchange.getResponseBody().write(BODY);
          }
          exchange.close();
        });
    server.createContext(
        "/slow",
        exchange -> {
          exchange.sendResponseHeaders(200, 0);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(BODY);
            out.flush();
            slowStarted.countDown();
            Thread.sleep(30_000);
          } catch (Exception e) {
            // the client went away
          }
        });
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
    server.start();
  }

  @Test
  void redirectsAreFollowedAndCredentialsStayWithTheFeedsServer() throws Exception {
    List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elsewhere.createContext(
        "/moved",
        exchange -> {
          authorizations.add("elsewhere:" + exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(200, BODY.length);
          exchange.getResponseBody().write(BODY);
          exchange.close();
        });
    elsewhere.start();
    server.createContext(
        "/here",
        exchange -> {
          authorizations.add("here:" + exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.getResponseHeaders().add("Location", "/away");
          exchange.sendResponseHeaders(302, -1);
          exchange.close();
        });
    server.createContext(
        "/away",
        exchange -> {
          authorizations.add("away:" + exchange.getRequestHeaders().getFirst("Authorization"));
          exchange
              .getResponseHeaders()
              .add("Location", "http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/moved");
          exchange.sendResponseHeaders(301, -1);
          exchange.close();
        });
    DownloadSettings withCredentials =
        new DownloadSettings(
            true, null, null, null, null, "feeder", "s3cret", 0, Duration.ofSeconds(30), 1);
    Path target = dir.resolve("units/moved.iso");
    try (Downloader downloader = new Downloader(withCredentials)) {
      downloader.fetch(url("/here"), target, new Expected(BODY.length, sha256(BODY)), n -> {});
    } finally {
      elsewhere.stop(0);
    }

    assertThat(target).hasBinaryContent(BODY);
    String basic =
        "Basic " + java.util.Base64.getEncoder().encodeToString("feeder:s3cret".getBytes());
    assertThat(authorizations).containsExactly("here:" + basic, "away:" + basic, "elsewhere:null");
  }

  @Test
  void credentialsGoToTheFeedsServerOnlyNotToAnotherAListingNames() throws Exception {
    // A Forge's file_uri (or a next page) may be a full URL on any server: not the feed's
    // credentials' place.
    List<String> authorizations = new java.util.concurrent.CopyOnWriteArrayList<>();
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elsewhere.createContext(
        "/file",
        exchange -> {
          authorizations.add("elsewhere:" + exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(200, BODY.length);
          exchange.getResponseBody().write(BODY);
          exchange.close();
        });
    elsewhere.start();
    server.createContext(
        "/feed/file",
        exchange -> {
          authorizations.add("feed:" + exchange.getRequestHeaders().getFirst("Authorization"));
          exchange.sendResponseHeaders(200, BODY.length);
          exchange.getResponseBody().write(BODY);
          exchange.close();
        });
    DownloadSettings withCredentials =
        new DownloadSettings(
            true,
            null,
            null,
            null,
            null,
            "feeder",
            "s3cret",
            0,
            Duration.ofSeconds(30),
            1,
            url("/feed/"));
    Expected body = new Expected(BODY.length, sha256(BODY));
    try (Downloader downloader = new Downloader(withCredentials)) {
      downloader.fetch(url("/feed/file"), dir.resolve("a"), body, n -> {});
      URI other = URI.create("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/file");
      downloader.fetch(other, dir.resolve("b"), body, n -> {});
    } finally {
      elsewhere.stop(0);
    }

    String basic =
        "Basic " + java.util.Base64.getEncoder().encodeToString("feeder:s3cret".getBytes());
    assertThat(authorizations).containsExactly("feed:" + basic, "elsewhere:null");
  }

  @Test
  void aRedirectLoopEnds() throws Exception {
    server.createContext(
        "/loop",
        exchange -> {
          exchange.getResponseHeaders().add("Location", "/loop");
          exchange.sendResponseHeaders(307, -1);
          exchange.close();
        });
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      assertThatThrownBy(
              () -> downloader.fetch(url("/loop"), dir.resolve("loop"), Expected.ANY, n -> {}))
          .isInstanceOf(DownloadFailure.class)
          .hasMessageContaining("more than 5 redirects");
    }
    assertThat(dir.resolve("loop")).doesNotExist();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void verifiedFileLandsInPlaceAndProgressCountsItsBytes() throws Exception {
    Path target = dir.resolve("units/a/file.iso");
    AtomicLong seen = new AtomicLong();
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      Downloader.Fetched fetched =
          downloader.fetch(
              url("/file"), target, new Expected(BODY.length, sha256(BODY)), seen::addAndGet);

      assertThat(fetched.sha256()).isEqualTo(sha256(BODY));
    }
    assertThat(target).hasBinaryContent(BODY);
    assertThat(seen).hasValue(BODY.length);
  }

  @Test
  void aChecksumMismatchLeavesNoFileAtAll() throws Exception {
    Path target = dir.resolve("units/file.iso");
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      assertThatThrownBy(
              () ->
                  downloader.fetch(
                      url("/file"), target, new Expected(BODY.length, "00".repeat(32)), n -> {}))
          .isInstanceOf(DownloadFailure.Mismatch.class)
          .hasMessageContaining("SHA-256")
          .hasMessageContaining("/file");
    }
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left).isEmpty();
    }
  }

  @Test
  void aWrongSizeIsRejected() throws Exception {
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      assertThatThrownBy(
              () ->
                  downloader.fetch(url("/file"), dir.resolve("f"), new Expected(10, null), n -> {}))
          .isInstanceOf(DownloadFailure.Mismatch.class)
          .hasMessageContaining("expected 10");
    }
    assertThat(dir.resolve("f")).doesNotExist();
  }

  @Test
  void aFileGrowingPastItsBoundIsCutOffAndLeavesNothing() throws Exception {
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      assertThatThrownBy(
              () ->
                  downloader.fetch(url("/file"), dir.resolve("f"), Expected.atMost(1024), n -> {}))
          .isInstanceOf(DownloadFailure.Mismatch.class)
          .hasMessageContaining("larger than the 1024 bytes");
      downloader.fetch(url("/file"), dir.resolve("g"), Expected.atMost(BODY.length), n -> {});
    }
    assertThat(dir.resolve("f")).doesNotExist();
    assertThat(dir.resolve("g")).hasBinaryContent(BODY);
  }

  @Test
  void serverErrorsAreRetriedButMissingFilesAreNot() throws Exception {
    failuresLeft.set(2);
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      downloader.fetch(url("/file"), dir.resolve("retried"));
      assertThat(dir.resolve("retried")).hasBinaryContent(BODY);

      assertThatThrownBy(() -> downloader.fetch(url("/missing"), dir.resolve("missing")))
          .isInstanceOf(DownloadFailure.class)
          .hasMessageContaining("HTTP 404")
          .satisfies(e -> assertThat(((DownloadFailure) e).isTransient()).isFalse());
    }
  }

  @Test
  void aFailureKeepsItsStatusReasonAndUrlApartForReports() throws Exception {
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      assertThatThrownBy(() -> downloader.fetch(url("/missing"), dir.resolve("missing")))
          .isInstanceOfSatisfying(
              DownloadFailure.class,
              e -> {
                assertThat(e.getMessage())
                    .isEqualTo(url("/missing") + ": the server answered HTTP 404 Not Found");
                assertThat(e.responseCode()).hasValue(404);
                assertThat(e.errorReport())
                    .containsEntry("response_code", 404)
                    .containsEntry("response_msg", "the server answered HTTP 404 Not Found")
                    .containsEntry("url", url("/missing").toString());
              });
    }
  }

  @Test
  void connectionFailuresSayWhatFailedInPlainWords() {
    URI uri = URI.create("http://127.0.0.1:9/feed/PULP_MANIFEST");

    assertThat(VerifiedStore.describe(uri, new java.net.ConnectException("Connection refused")))
        .isEqualTo("connection refused by 127.0.0.1:9 (nothing listens there)");
    assertThat(
            VerifiedStore.describe(
                URI.create("http://nosuch.invalid/x"),
                new java.net.UnknownHostException("nosuch.invalid")))
        .isEqualTo("unknown host nosuch.invalid (the name does not resolve)");
    assertThat(VerifiedStore.describe(uri, new java.io.EOFException("cut short")))
        .isEqualTo("EOFException: cut short");
  }

  @Test
  void fileUrlsAreCopiedTheSameWay() throws Exception {
    Path source = Files.write(dir.resolve("source.bin"), BODY);
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      downloader.fetch(
          source.toUri(),
          dir.resolve("copy.bin"),
          new Expected(BODY.length, sha256(BODY)),
          n -> {});
    }
    assertThat(dir.resolve("copy.bin")).hasBinaryContent(BODY);
  }

  @Test
  void cancelStopsADownloadInFlightAndLeavesNoPartialFile() throws Exception {
    Path target = dir.resolve("slow/file");
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      Thread canceller =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      slowStarted.await();
                      Thread.sleep(200);
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                    downloader.cancel();
                  });
      long started = System.nanoTime();
      assertThatThrownBy(() -> downloader.fetch(url("/slow"), target))
          .isInstanceOf(CancellationException.class);
      assertThat(System.nanoTime() - started).isLessThan(10_000_000_000L);
      canceller.join();
    }
    try (Stream<Path> left = Files.list(target.getParent())) {
      assertThat(left).isEmpty();
    }
  }
}
