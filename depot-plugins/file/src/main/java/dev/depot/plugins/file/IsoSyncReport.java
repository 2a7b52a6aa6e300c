package dev.depot.plugins.file;

import dev.depot.publish.sync.SyncProgress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An ISO sync's progress in Pulp's {@code ISOProgressReport} shape, which clients and the CLI read:
 * {@code state}, {@code num_isos}, {@code num_isos_finished}, {@code size_total}, {@code
 * size_left}, {@code iso_error_messages}, {@code num_errors}, {@code error_message}.
 */
final class IsoSyncReport {
  private IsoSyncReport() {}

  static Map<String, Object> of(SyncProgress.Snapshot progress) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", progress.state());
    report.put("num_isos", progress.files());
    report.put("num_isos_finished", progress.filesFinished());
    report.put("size_total", progress.sizeTotal());
    report.put("size_left", progress.sizeLeft());
    report.put("iso_error_messages", progress.errors());
    report.put("num_errors", progress.errorCount());
    report.put("error_message", progress.errorMessage());
    return report;
  }
}
