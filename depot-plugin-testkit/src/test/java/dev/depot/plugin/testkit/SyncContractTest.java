package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.Importer;
import dev.depot.plugin.testkit.NoteImporter.Flaw;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each check of {@link SyncContract} and {@link UploadContract} fails for an importer that breaks
 * it; {@link NoteImporterContractTest} shows the well-behaved one passing them all.
 */
class SyncContractTest {
  @TempDir Path dir;

  private static NoteImporterContractTest with(Flaw flaw) {
    return new NoteImporterContractTest() {
      @Override
      public Importer newImporter() {
        return new NoteImporter(flaw);
      }
    };
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> fails(ThrowingCallable check) {
    return assertThatThrownBy(check).isInstanceOf(AssertionError.class);
  }

  @Test
  void anImporterSkippingChecksumsIsCaught() {
    fails(() -> with(Flaw.SKIPS_CHECKSUMS).aSyncVerifiesChecksumsNamingTheCorruptedFile(dir))
        .hasMessageContaining("corrupted file succeeded");
  }

  @Test
  void anImporterReportingNoProgressIsCaught() {
    fails(() -> with(Flaw.REPORTS_NO_PROGRESS).aSyncReportsProgressWithCounts(dir))
        .hasMessageContaining("progress reports");
  }

  @Test
  void anImporterDownloadingAgainIsCaught() {
    fails(() -> with(Flaw.DOWNLOADS_AGAIN).aSyncStoresEachFileOnce(dir))
        .hasMessageContaining("the second sync fetches none");
  }

  @Test
  void anImporterIgnoringCancelIsCaught() {
    fails(() -> with(Flaw.IGNORES_CANCEL).aCancelledSyncStopsAndSaysSo(dir))
        .hasMessageContaining("SyncReport.canceled");
  }

  @Test
  void anUploadWithoutAChecksumCheckIsCaught() {
    fails(() -> with(Flaw.UPLOAD_SKIPS_CHECKSUM).anUploadNotMatchingItsUnitKeyIsRefused(dir))
        .hasMessageContaining("do not match its unit key succeeded");
  }

  @Test
  void anUploadStoredAgainIsCaught() {
    fails(() -> with(Flaw.UPLOAD_STORES_AGAIN).theSameFileUploadedTwiceIsStoredOnce(dir))
        .hasMessageContaining("after uploading one file twice");
  }

  @Test
  void theFeedServerCountsGetsPerFileAndAnswers404ForTheRest() throws Exception {
    Files.writeString(dir.resolve("a.txt"), "hello");
    try (FeedServer feed = FeedServer.serving(dir);
        HttpClient http = HttpClient.newHttpClient()) {
      HttpResponse<String> found =
          http.send(
              HttpRequest.newBuilder(feed.url().resolve("a.txt")).build(),
              HttpResponse.BodyHandlers.ofString());
      HttpResponse<String> missing =
          http.send(
              HttpRequest.newBuilder(feed.url().resolve("b.txt")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(found.body()).isEqualTo("hello");
      assertThat(missing.statusCode()).isEqualTo(404);
      assertThat(feed.gets(dir.resolve("a.txt"))).isEqualTo(1);
      assertThat(feed.gets("b.txt")).isEqualTo(1);
      assertThat(feed.url())
          .isEqualTo(URI.create("http://127.0.0.1:" + feed.url().getPort() + "/"));
    }
  }
}
