package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.depot.publish.download.DownloadSettings;
import dev.depot.publish.download.Downloader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Forge's listing that never ends, or whose next page leads back, fails the sync's listing
 * instead of being taken as complete (which {@code remove_missing} would act on) or growing without
 * bound.
 */
class ForgeListingBoundsTest {
  @TempDir Path dir;
  HttpServer forge;
  final AtomicInteger pagesServed = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    forge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    // /loop/v3/releases names itself as its next page; /endless/ makes up 100 new releases a page
    forge.createContext(
        "/",
        exchange -> {
          URI asked = exchange.getRequestURI();
          int page = pagesServed.incrementAndGet();
          boolean loop = asked.getPath().startsWith("/loop/");
          String next = loop ? asked.toString() : "/endless/v3/releases?offset=" + page * 100;
          StringBuilder results = new StringBuilder();
          for (int i = 0; i < 100; i++) {
            String name = loop ? "acme-m" + i : "acme-m" + page + "x" + i;
            results.append(results.isEmpty() ? "" : ",");
            results.append(
                """
                {"file_uri": "/v3/files/%s-1.0.0.tar.gz",
                 "metadata": {"name": "%s", "version": "1.0.0"}}"""
                    .formatted(name, name));
          }
          byte[] body =
              """
              {"pagination": {"next": "%s"}, "results": [%s]}"""
                  .formatted(next, results)
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    forge.start();
  }

  @AfterEach
  void stop() {
    forge.stop(0);
  }

  private List<RemoteModule> list(String prefix, int maxReleases) throws Exception {
    URI feed = URI.create("http://127.0.0.1:" + forge.getAddress().getPort() + prefix);
    List<RemoteModule> listed = new ArrayList<>();
    try (Downloader downloader = new Downloader(DownloadSettings.defaults())) {
      new ForgeReleases(downloader, new ForgeUrls(feed), dir, maxReleases)
          .list(null, listed, new HashSet<>());
    }
    return listed;
  }

  @Test
  void aNextPageLeadingBackFailsTheListing() {
    assertThatThrownBy(() -> list("/loop", 1_000))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("lead back to this one, a loop");
    assertThat(pagesServed).hasValue(1);
  }

  @Test
  void aListingPastTheBoundFailsInsteadOfGrowing() {
    assertThatThrownBy(() -> list("/endless", 250))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the Forge lists more than 250 releases; refused");
    assertThat(pagesServed).hasValue(3);
  }
}
