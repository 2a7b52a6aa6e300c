package dev.depot.publish.sync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ProgressReporter;
import dev.depot.plugin.SyncReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyncProgressTest {
  private static final long SECOND = 1_000_000_000L;

  /** The conduit's side: every report the task would show, in order. */
  private static final class Task implements ProgressReporter {
    final List<Map<String, Object>> reports = new ArrayList<>();

    @Override
    public void setProgress(Object report) {
      reports.add(asMap(report));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object report) {
      return (Map<String, Object>) report;
    }

    Map<String, Object> last() {
      return reports.get(reports.size() - 1);
    }
  }

  private final Task task = new Task();
  private long now = 5 * SECOND;
  private final SyncProgress progress =
      new SyncProgress(task, SyncProgress.Snapshot::report, () -> now);

  @Test
  void reportsFilesBytesSpeedAndTimeLeftThroughTheConduit() {
    progress.state("downloading");
    progress.planned(3, 10_000);
    progress.finished(1_000); // already stored: its bytes are not left either
    now += 2 * SECOND;
    progress.bytes(4_000);
    progress.finished(0);

    SyncProgress.Snapshot at = progress.current();
    assertThat(at.files()).isEqualTo(3);
    assertThat(at.filesFinished()).isEqualTo(2);
    assertThat(at.sizeLeft()).isEqualTo(5_000);
    assertThat(at.bytesPerSecond()).isEqualTo(2_000);
    assertThat(at.etaSeconds()).isEqualTo(3); // 5,000 bytes at 2,000 a second, rounded up
    assertThat(task.last())
        .containsEntry("state", "downloading")
        .containsEntry("files_total", 3L)
        .containsEntry("size_left", 5_000L)
        .containsEntry("bytes_per_second", 2_000L)
        .containsEntry("eta_seconds", 3L);
  }

  @Test
  void beforeAnyByteTheSpeedIsZeroAndTheTimeLeftUnknown() {
    progress.planned(1, 100);

    assertThat(progress.current().bytesPerSecond()).isZero();
    assertThat(progress.current().etaSeconds()).isNull();
    progress.finished(100);
    assertThat(progress.current().etaSeconds()).isZero();
  }

  @Test
  void manyDownloadsReportAFewTimesASecondButAStateChangeAtOnce() {
    progress.planned(1, 1_000_000);
    int before = task.reports.size();

    for (int i = 0; i < 1_000; i++) {
      progress.bytes(10); // the clock stands still: all within one reporting period
    }
    assertThat(task.reports).hasSize(before);
    now += SECOND;
    progress.bytes(10);
    assertThat(task.reports).hasSize(before + 1);
    progress.state("complete");
    assertThat(task.reports).hasSize(before + 2);
    assertThat(task.last()).containsEntry("state", "complete");
  }

  @Test
  void failedFilesAreCountedAllButKeptOnlyUpToTheLimit() {
    for (int i = 0; i < SyncProgress.MAX_ERRORS + 5; i++) {
      progress.failed("f" + i + ".iso", "gone");
    }

    assertThat(progress.errorCount()).isEqualTo(SyncProgress.MAX_ERRORS + 5);
    assertThat(progress.current().errors()).hasSize(SyncProgress.MAX_ERRORS);
    assertThat(progress.current().errors().get(0))
        .containsEntry("name", "f0.iso")
        .extractingByKey("error")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("response_msg", "gone")
        .containsEntry("response_code", null);
    assertThat(progress.failedFiles(2))
        .isEqualTo("f0.iso: gone; f1.iso: gone; and 1003 more (see the task's progress)");
  }

  @Test
  void aFinishedFileThatCouldNotBeSavedCountsAsFailedInstead() {
    progress.planned(2, 20);
    progress.finished(10);
    progress.unsaved("a.iso", "its stored file was removed");

    assertThat(progress.current().filesFinished()).isZero();
    assertThat(progress.errorCount()).isEqualTo(1);
  }

  @Test
  void aTypeReportsInItsOwnShape() {
    SyncProgress pulpShaped =
        new SyncProgress(
            task, at -> Map.of("num_isos", at.files(), "error_message", "" + at.errorMessage()));

    pulpShaped.planned(7, 70);
    pulpShaped.fatal("feed unreachable");
    pulpShaped.state("failed");

    assertThat(task.last()).isEqualTo(Map.of("num_isos", 7L, "error_message", "feed unreachable"));
  }

  @Test
  void theSyncsReportSaysHowItEndedWithTheProgressAsItsDetails() {
    progress.planned(3, 30);
    progress.failed("b.iso", "gone");

    SyncReport.Failed failed = progress.filesFailed("files_failed");

    assertThat(failed.errorMessage()).isEqualTo("1 of 3 files could not be synced: b.iso: gone");
    assertThat(task.last())
        .containsEntry("state", "files_failed")
        .containsEntry("error_message", "1 of 3 files could not be synced");
    assertThat(failed.details()).isEqualTo(task.last());
    assertThat(progress.failure("metadata_failed", "no index").errorMessage())
        .isEqualTo("no index");
    assertThat(progress.cancelled("cancelled").details()).isEqualTo(task.last());
    assertThat(progress.success("complete", 4).removedCount()).isEqualTo(4);
  }
}
