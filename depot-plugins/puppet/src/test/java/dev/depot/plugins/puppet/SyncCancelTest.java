package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cancelled puppet sync stops soon, says so, and keeps what it finished. */
class SyncCancelTest {
  @TempDir Path dir;

  @Test
  void aCancelAtTheFirstDownloadStopsTheSync() throws Exception {
    try (TestForge forge = TestForge.start("")) {
      for (int i = 0; i < 10; i++) {
        forge.add(TestModules.module(dir.resolve("modules"), "acme", "m" + i, "1.0.0"));
      }
      PuppetImporter importer = new PuppetImporter();
      AtomicBoolean asked = new AtomicBoolean();
      forge.beforeEachRequest(
          request -> {
            if (request.startsWith("/v3/files/") && asked.compareAndSet(false, true)) {
              Thread cancel = Thread.ofPlatform().start(importer::cancelSyncRepo);
              try {
                assertThat(cancel.join(Duration.ofSeconds(5))).as("cancel returned").isTrue();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          });
      InMemoryContent content = InMemoryContent.under(dir.resolve("server"));

      long start = System.nanoTime();
      SyncReport report =
          PuppetSyncs.sync(
              importer, content, content.syncConduit(), forge.url(), Map.of("num_threads", 1));

      assertThat(report).isInstanceOf(SyncReport.Canceled.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
      assertThat(forge.requests("/v3/files/")).hasSizeLessThan(10);
      assertThat(content.progressReports().getLast().toString()).contains("state=cancelled");
    }
  }

  @Test
  void aCancelWhileListingTheForgeFetchesNoModule() throws Exception {
    try (TestForge forge = TestForge.start("")) {
      forge.add(TestModules.module(dir.resolve("modules"), "acme", "web", "1.0.0"));
      PuppetImporter importer = new PuppetImporter();
      forge.beforeEachRequest(
          request -> {
            if (request.startsWith("/v3/releases")) {
              importer.cancelSyncRepo();
            }
          });
      InMemoryContent content = InMemoryContent.under(dir.resolve("listing"));

      SyncReport report =
          PuppetSyncs.sync(importer, content, content.syncConduit(), forge.url(), Map.of());

      assertThat(report).isInstanceOf(SyncReport.Canceled.class);
      assertThat(forge.requests("/v3/files/")).isEmpty();
      assertThat(content.units()).isEmpty();
    }
  }
}
