package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.publish.sync.SyncProgress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IsoSyncReportTest {
  @Test
  void anIsoSyncReportsInPulpsIsoProgressReportShape() {
    List<Object> reports = new ArrayList<>();
    SyncProgress progress = new SyncProgress(reports::add, IsoSyncReport::of);

    progress.planned(2, 300);
    progress.finished(100);
    progress.failed("b.iso", "gone");
    progress.fatal("1 of 2 files could not be synced");
    progress.state("isos_failed");

    assertThat(reports.get(reports.size() - 1))
        .isEqualTo(
            Map.of(
                "state", "isos_failed",
                "num_isos", 2L,
                "num_isos_finished", 1L,
                "size_total", 300L,
                "size_left", 200L,
                "iso_error_messages", progress.current().errors(),
                "num_errors", 1L,
                "error_message", "1 of 2 files could not be synced"));
    assertThat(progress.current().errors()).extracting(e -> e.get("name")).containsExactly("b.iso");
  }
}
