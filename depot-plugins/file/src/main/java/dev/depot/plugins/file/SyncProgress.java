package dev.depot.plugins.file;

import dev.depot.plugin.ProgressReporter;
import dev.depot.publish.download.DownloadFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The progress report of an ISO sync, in Pulp's {@code ISOProgressReport} shape: {@code state},
 * {@code num_isos}, {@code num_isos_finished}, {@code size_total}, {@code size_left}, {@code
 * iso_error_messages}, {@code error_message}. Thread-safe; writes to the task at most a few times a
 * second however many downloads report.
 *
 * <p>Each entry of {@code iso_error_messages} is {@code {"name": file, "error": {"response_code":
 * 404 or null, "response_msg": why, "url": ...}}}: a dict per file, as Pulp's ISO importer carries
 * its downloader's error report, so that clients read the status and the reason apart.
 */
final class SyncProgress {
  /** Error messages kept in the report; a feed with thousands of bad files still reports fast. */
  static final int MAX_ERRORS = 1000;

  private static final long REPORT_EVERY_NANOS = 300_000_000L;

  private final ProgressReporter reporter;
  private final List<Map<String, Object>> errors = new ArrayList<>();
  private String state = "not_started";
  private String errorMessage;
  private long total;
  private long finished;
  private long sizeTotal;
  private long sizeLeft;
  private long errorCount;
  private long lastReport;

  SyncProgress(ProgressReporter reporter) {
    this.reporter = reporter;
  }

  synchronized void state(String newState) {
    state = newState;
    report(true);
  }

  synchronized void planned(long files, long bytes) {
    total = files;
    sizeTotal = bytes;
    sizeLeft = bytes;
    report(true);
  }

  synchronized void bytes(long n) {
    sizeLeft = Math.max(0, sizeLeft - n);
    report(false);
  }

  /** A file is done without downloading it (already stored): its bytes are not left either. */
  synchronized void finished(long skippedBytes) {
    finished++;
    sizeLeft = Math.max(0, sizeLeft - skippedBytes);
    report(false);
  }

  /** A file failed for a reason that is not a download's (no HTTP status, no URL). */
  synchronized void failed(String name, String error) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("response_code", null);
    report.put("response_msg", error);
    failed(name, report);
  }

  /** A file's download failed: its status, reason and URL. */
  synchronized void failed(String name, DownloadFailure failure) {
    failed(name, failure.errorReport());
  }

  private void failed(String name, Map<String, Object> errorReport) {
    errorCount++;
    if (errors.size() < MAX_ERRORS) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", name);
      entry.put("error", errorReport);
      errors.add(entry);
    }
    report(true);
  }

  /**
   * Why the files failed, for the task's error description: the first few, each with its URL and
   * reason ({@code "b.iso: http://...: the server answered HTTP 404 Not Found"}).
   */
  synchronized String failedFiles(int shown) {
    StringBuilder text = new StringBuilder();
    for (Map<String, Object> entry : errors.subList(0, Math.min(shown, errors.size()))) {
      Map<?, ?> error = (Map<?, ?>) entry.get("error");
      text.append(text.isEmpty() ? "" : "; ").append(entry.get("name")).append(": ");
      if (error.get("url") != null) {
        text.append(error.get("url")).append(": ");
      }
      text.append(error.get("response_msg"));
    }
    if (errorCount > shown) {
      text.append("; and ").append(errorCount - shown).append(" more (see the task's progress)");
    }
    return text.toString();
  }

  /** A file counted as finished could not be saved after all: it counts as failed instead. */
  synchronized void unsaved(String name, String error) {
    finished = Math.max(0, finished - 1);
    failed(name, error);
  }

  synchronized void fatal(String message) {
    errorMessage = message;
  }

  synchronized long errorCount() {
    return errorCount;
  }

  synchronized Map<String, Object> snapshot() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", state);
    report.put("num_isos", total);
    report.put("num_isos_finished", finished);
    report.put("size_total", sizeTotal);
    report.put("size_left", sizeLeft);
    report.put("iso_error_messages", List.copyOf(errors));
    report.put("num_errors", errorCount);
    report.put("error_message", errorMessage);
    return report;
  }

  private void report(boolean now) {
    long time = System.nanoTime();
    if (now || time - lastReport >= REPORT_EVERY_NANOS) {
      lastReport = time;
      reporter.setProgress(snapshot());
    }
  }
}
