package dev.depot.publish.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Unit;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.feed.FeedKeys;
import dev.depot.publish.feed.FeedSettings;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileFetchTest {
  @TempDir Path store;
  private HttpServer server;
  private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
  private final Map<String, byte[]> feed =
      Map.of(
          "a.iso", "bytes of a".getBytes(StandardCharsets.UTF_8),
          "b.iso", "bytes of b, longer".getBytes(StandardCharsets.UTF_8));
  private MemorySyncConduit conduit;
  private final FeedSettings settings =
      FeedKeys.standard().settings(PluginCallConfiguration.of(Map.of("num_threads", 2)));

  @BeforeEach
  void serveTheFeed() throws Exception {
    conduit = new MemorySyncConduit(store);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/feed/",
        exchange -> {
          String name = exchange.getRequestURI().getPath().substring("/feed/".length());
          requests.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
          byte[] body = feed.get(name);
          exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
          if (body != null) {
            exchange.getResponseBody().write(body);
          }
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private FileFetch.Wanted wanted(String name, String sha256) {
    URI url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/feed/" + name);
    long size = feed.containsKey(name) ? feed.get(name).length : 1;
    return new FileFetch.Wanted(
        "iso", Map.of("name", name), Map.of(), name, name, size, sha256, new FileFetch.Url(url));
  }

  private FileFetch.Wanted wanted(String name) throws Exception {
    return wanted(name, sha256(feed.get(name)));
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private SyncProgress sync(List<FileFetch.Wanted> files) throws Exception {
    SyncProgress progress = new SyncProgress(conduit);
    progress.planned(files.size(), files.stream().mapToLong(FileFetch.Wanted::size).sum());
    try (Downloader downloader = new Downloader(settings.downloads());
        FileFetch fetch =
            new FileFetch(
                conduit, downloader, progress, settings, u -> (String) u.unitKey().get("name"))) {
      files.forEach(fetch::submit);
    }
    return progress;
  }

  @Test
  void listedFilesAreDownloadedVerifiedStoredAndSaved() throws Exception {
    SyncProgress progress = sync(List.of(wanted("a.iso"), wanted("b.iso")));

    assertThat(conduit.repository.values())
        .extracting(Unit::storagePath)
        .containsExactlyInAnyOrder(store.resolve("iso/a.iso"), store.resolve("iso/b.iso"));
    assertThat(store.resolve("iso/b.iso")).hasBinaryContent(feed.get("b.iso"));
    assertThat(progress.current().filesFinished()).isEqualTo(2);
    assertThat(progress.current().sizeLeft()).isZero();
    assertThat(progress.errorCount()).isZero();
  }

  @Test
  void aFileStoredOnceIsNotFetchedAgain() throws Exception {
    sync(List.of(wanted("a.iso")));
    conduit.repository.clear(); // another repository syncs the same feed

    SyncProgress progress = sync(List.of(wanted("a.iso"), wanted("b.iso")));

    assertThat(requests.get("a.iso")).hasValue(1);
    assertThat(requests.get("b.iso")).hasValue(1);
    assertThat(conduit.repository).hasSize(2);
    assertThat(progress.current().filesFinished()).isEqualTo(2);
  }

  @Test
  void aFileWhoseChecksumDiffersFailsNamingItAndIsNeitherStoredNorSaved() throws Exception {
    SyncProgress progress = sync(List.of(wanted("a.iso", "00".repeat(32)), wanted("b.iso")));

    assertThat(progress.errorCount()).isEqualTo(1);
    assertThat(progress.current().errors().get(0)).containsEntry("name", "a.iso");
    assertThat(store.resolve("iso/a.iso")).doesNotExist();
    assertThat(conduit.repository.keySet()).containsExactly(Map.of("name", "b.iso"));
  }

  @Test
  void theBytesOfAFileThatFailedItsChecksumAreNotCountedAsDone() throws Exception {
    SyncProgress progress = sync(List.of(wanted("a.iso", "00".repeat(32)), wanted("b.iso")));

    // a.iso came in whole and was refused: its bytes are still left, b.iso's are done.
    assertThat(progress.current().sizeTotal())
        .isEqualTo(feed.get("a.iso").length + feed.get("b.iso").length);
    assertThat(progress.current().sizeLeft()).isEqualTo(feed.get("a.iso").length);
    assertThat(progress.snapshot())
        .containsEntry("size_left", (long) feed.get("a.iso").length)
        .containsEntry("files_finished", 1L);
  }

  @Test
  void aFileTheFeedLacksFailsWithItsHttpStatus() throws Exception {
    SyncProgress progress = sync(List.of(wanted("gone.iso", "00".repeat(32))));

    assertThat(progress.current().errors().get(0))
        .containsEntry("name", "gone.iso")
        .extractingByKey("error")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("response_code", 404);
  }

  @Test
  void afterACancelNoFileIsStartedAndWhatFinishedIsStillSaved() throws Exception {
    SyncProgress progress = new SyncProgress(conduit);
    try (Downloader downloader = new Downloader(settings.downloads());
        FileFetch fetch =
            new FileFetch(
                conduit, downloader, progress, settings, u -> (String) u.unitKey().get("name"))) {
      fetch.submit(wanted("a.iso"));
      while (progress.current().filesFinished() < 1) {
        Thread.onSpinWait(); // a.iso is done before the cancel comes
      }
      fetch.cancel();

      assertThat(fetch.cancelled()).isTrue();
      assertThatThrownBy(() -> fetch.submit(wanted("b.iso")))
          .isInstanceOf(CancellationException.class);
    }
    assertThat(requests).doesNotContainKey("b.iso");
    assertThat(conduit.repository.keySet()).containsExactly(Map.of("name", "a.iso"));
    assertThat(Files.exists(store.resolve("iso/b.iso"))).isFalse();
  }

  @Test
  void closingAgainAfterTheSyncClosedItIsHarmless() throws Exception {
    SyncProgress progress = new SyncProgress(conduit);
    try (Downloader downloader = new Downloader(settings.downloads())) {
      FileFetch fetch =
          new FileFetch(
              conduit, downloader, progress, settings, u -> (String) u.unitKey().get("name"));
      fetch.submit(wanted("a.iso"));
      fetch.close();
      fetch.close();
    }
    assertThat(conduit.repository.keySet()).containsExactly(Map.of("name", "a.iso"));
  }
}
