package dev.depot.publish.sync;

import dev.depot.plugin.ProgressReporter;
import dev.depot.plugin.SyncReport;
import dev.depot.publish.download.DownloadFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * The progress of a sync that downloads files: how many files and bytes there are and are left, how
 * fast bytes come and when the sync should end, which files failed and why. Reported through the
 * conduit ({@link ProgressReporter}) at most a few times a second however many downloads report,
 * and at once when the state changes or a file fails. Thread-safe.
 *
 * <p>The report's shape is the type's: {@link Snapshot#report()} is the generic one, and a type
 * whose clients expect Pulp's names passes its own shape (the file plugin reports Pulp's {@code
 * num_isos}, {@code iso_error_messages}, ...). Each failed file is {@code {"name": file, "error":
 * {"response_code": 404 or null, "response_msg": why, "url": ...}}}, as Pulp's importers carry
 * their downloader's error report, so that clients read the status and the reason apart.
 *
 * <p>What the user should know that fails nothing (a feed listing one thing twice, say) is a
 * {@linkplain #warn warning}: listed under {@code warnings} in the report, which {@code depot repo
 * sync} prints.
 */
public final class SyncProgress {
  /** Failed files kept in the report; a feed with thousands of bad files still reports fast. */
  public static final int MAX_ERRORS = 1000;

  private static final long REPORT_EVERY_NANOS = 300_000_000L;
  private static final double NANOS_PER_SECOND = 1e9;

  /**
   * Where a sync is, as {@link SyncProgress#snapshot} tells it.
   *
   * @param state the sync's state, in the type's words ({@code "not_started"}, ...)
   * @param files how many files the sync handles
   * @param filesFinished how many of them are done (downloaded or already stored)
   * @param sizeTotal their bytes
   * @param sizeLeft the bytes of files not yet stored, downloaded or found stored: those of a file
   *     that failed (a wrong checksum, say) count as left, whatever came in
   * @param errors the failed files, at most {@link #MAX_ERRORS}
   * @param errorCount how many files failed, all of them
   * @param errorMessage why the whole sync failed, or null
   * @param bytesPerSecond the download speed since the files were planned, 0 before any byte: every
   *     byte that came in, a failed file's and a retry's too
   * @param etaSeconds when the bytes left should be in at that speed, or null when unknown
   * @param warnings what the user should know that failed nothing, each once, at most {@link
   *     #MAX_ERRORS}
   */
  public record Snapshot(
      String state,
      long files,
      long filesFinished,
      long sizeTotal,
      long sizeLeft,
      List<Map<String, Object>> errors,
      long errorCount,
      String errorMessage,
      long bytesPerSecond,
      Long etaSeconds,
      List<String> warnings) {
    /** Copies the errors and warnings. */
    public Snapshot {
      errors = List.copyOf(errors);
      warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    /** A snapshot without warnings. */
    public Snapshot(
        String state,
        long files,
        long filesFinished,
        long sizeTotal,
        long sizeLeft,
        List<Map<String, Object>> errors,
        long errorCount,
        String errorMessage,
        long bytesPerSecond,
        Long etaSeconds) {
      this(
          state,
          files,
          filesFinished,
          sizeTotal,
          sizeLeft,
          errors,
          errorCount,
          errorMessage,
          bytesPerSecond,
          etaSeconds,
          List.of());
    }

    /** The generic report: the snapshot under snake_case names, as a task's progress shows it. */
    public Map<String, Object> report() {
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("state", state);
      report.put("files_total", files);
      report.put("files_finished", filesFinished);
      report.put("size_total", sizeTotal);
      report.put("size_left", sizeLeft);
      report.put("bytes_per_second", bytesPerSecond);
      report.put("eta_seconds", etaSeconds);
      report.put("error_messages", errors);
      report.put("num_errors", errorCount);
      report.put("error_message", errorMessage);
      if (!warnings.isEmpty()) {
        report.put("warnings", warnings);
      }
      return report;
    }
  }

  private final ProgressReporter reporter;
  private final Function<Snapshot, Map<String, Object>> shape;
  private final LongSupplier nanoClock;
  private final List<Map<String, Object>> errors = new ArrayList<>();
  private final Set<String> warnings = new LinkedHashSet<>();
  private String state = "not_started";
  private String errorMessage;
  private long total;
  private long finished;
  private long sizeTotal;

  /**
   * Bytes counted toward {@link #sizeTotal}; a retry may push it past a file's size for a while.
   */
  private long counted;

  private long downloaded;
  private long errorCount;
  private long lastReport;
  private long plannedAt;
  private boolean planned;

  /** Progress reported in the generic shape ({@link Snapshot#report()}). */
  public SyncProgress(ProgressReporter reporter) {
    this(reporter, Snapshot::report);
  }

  /** Progress reported in the type's own shape. */
  public SyncProgress(ProgressReporter reporter, Function<Snapshot, Map<String, Object>> shape) {
    this(reporter, shape, System::nanoTime);
  }

  /**
   * Progress reported in the type's own shape, timed by {@code nanoClock} (tests pass their own).
   *
   * @param reporter where reports go: the sync's conduit
   * @param shape turns a snapshot into the report clients read
   * @param nanoClock a monotonic clock in nanoseconds, as {@link System#nanoTime}
   */
  public SyncProgress(
      ProgressReporter reporter,
      Function<Snapshot, Map<String, Object>> shape,
      LongSupplier nanoClock) {
    this.reporter = reporter;
    this.shape = shape;
    this.nanoClock = nanoClock;
  }

  /** The sync's state changes; reported at once. */
  public synchronized void state(String newState) {
    state = newState;
    report(true);
  }

  /**
   * The sync knows its work: {@code files} files of {@code bytes} bytes; the speed counts from now.
   */
  public synchronized void planned(long files, long bytes) {
    total = files;
    sizeTotal = bytes;
    counted = 0;
    plannedAt = nanoClock.getAsLong();
    planned = true;
    report(true);
  }

  /**
   * {@code n} more bytes came in; a download's listener calls it as they come. They count as done
   * at once, so the report moves while a file downloads; {@link #notStored} takes back those of a
   * file that is then not stored.
   */
  public synchronized void bytes(long n) {
    downloaded += n;
    counted += n;
    report(false);
  }

  /**
   * {@code n} bytes told to {@link #bytes} belong to no stored file: the file failed (its checksum
   * differed, its download broke off) or a retry started it over. They count as left again, so the
   * bytes done are those of files stored; the speed keeps them, as they did come in.
   */
  public synchronized void notStored(long n) {
    counted -= n;
    report(false);
  }

  /**
   * A file is done; {@code skippedBytes} are its bytes when it was not downloaded (already stored),
   * 0 when {@link #bytes} counted them.
   */
  public synchronized void finished(long skippedBytes) {
    finished++;
    counted += skippedBytes;
    report(false);
  }

  /** A file failed for a reason that is not a download's (no HTTP status, no URL). */
  public synchronized void failed(String name, String error) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("response_code", null);
    report.put("response_msg", error);
    failed(name, report);
  }

  /** A file's download failed: its status, reason and URL. */
  public synchronized void failed(String name, DownloadFailure failure) {
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
   * Something the user should know that fails nothing, such as a feed listing one module's defaults
   * twice: kept once, reported at once. Say in one sentence what it is about.
   */
  public synchronized void warn(String message) {
    if (warnings.size() < MAX_ERRORS && warnings.add(message)) {
      report(true);
    }
  }

  /** A file counted as finished could not be saved after all: it counts as failed instead. */
  public synchronized void unsaved(String name, String error) {
    finished = Math.max(0, finished - 1);
    failed(name, error);
  }

  /**
   * Why the files failed, for the task's error description: the first {@code shown}, each with its
   * URL and reason ({@code "b.iso: http://...: the server answered HTTP 404 Not Found"}).
   */
  public synchronized String failedFiles(int shown) {
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

  /** Why the whole sync failed; shown with the next report. */
  public synchronized void fatal(String message) {
    errorMessage = message;
  }

  /** How many files failed. */
  public synchronized long errorCount() {
    return errorCount;
  }

  /** Where the sync is now. */
  public synchronized Snapshot current() {
    long rate = 0;
    if (planned && downloaded > 0) {
      double seconds = (nanoClock.getAsLong() - plannedAt) / NANOS_PER_SECOND;
      rate = seconds > 0 ? (long) (downloaded / seconds) : 0;
    }
    long sizeLeft = Math.min(sizeTotal, Math.max(0, sizeTotal - counted));
    Long eta = planned && sizeLeft == 0 ? Long.valueOf(0) : null;
    if (rate > 0 && sizeLeft > 0) {
      eta = (sizeLeft + rate - 1) / rate;
    }
    return new Snapshot(
        state,
        total,
        finished,
        sizeTotal,
        sizeLeft,
        errors,
        errorCount,
        errorMessage,
        rate,
        eta,
        List.copyOf(warnings));
  }

  /**
   * The sync failed as a whole: reports {@code message} in the final state {@code finalState}.
   *
   * @return the sync's report, the progress report as its summary and details
   */
  public synchronized SyncReport.Failed failure(String finalState, String message) {
    fatal(message);
    state(finalState);
    Map<String, Object> report = snapshot();
    return SyncReport.failure(message, report, report);
  }

  /**
   * Some files failed ({@link #errorCount()} > 0): the sync fails saying how many of how many, and
   * why the first three did.
   *
   * @return the sync's report, the progress report as its summary and details
   */
  public synchronized SyncReport.Failed filesFailed(String finalState) {
    String counted = errorCount + " of " + total + " files could not be synced";
    fatal(counted);
    state(finalState);
    Map<String, Object> report = snapshot();
    return SyncReport.failure(counted + ": " + failedFiles(3), report, report);
  }

  /**
   * The sync was cancelled; what finished is kept.
   *
   * @return the sync's report, the progress report as its summary and details
   */
  public synchronized SyncReport.Canceled cancelled(String finalState) {
    state(finalState);
    Map<String, Object> report = snapshot();
    return SyncReport.canceled(report, report);
  }

  /**
   * The sync succeeded.
   *
   * @return the sync's report, the progress report as its summary and details
   */
  public synchronized SyncReport.Synced success(String finalState, long removed) {
    state(finalState);
    Map<String, Object> report = snapshot();
    return SyncReport.success(0, 0, removed, report, report);
  }

  /** The report as clients read it, in the type's shape. */
  public synchronized Map<String, Object> snapshot() {
    return shape.apply(current());
  }

  private void report(boolean now) {
    long time = nanoClock.getAsLong();
    if (now || time - lastReport >= REPORT_EVERY_NANOS) {
      lastReport = time;
      reporter.setProgress(snapshot());
    }
  }
}
