package dev.depot.plugins.rpm;

import dev.depot.publish.sync.SyncProgress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A yum sync's progress in the shape of Pulp's yum importer report: {@code metadata}, {@code
 * content} (items and bytes total and left, {@code error_details}, {@code details} by package
 * type), {@code errata} and {@code comps}, each with a {@code state} of {@code NOT_STARTED}, {@code
 * IN_PROGRESS}, {@code FINISHED}, {@code FAILED}, {@code CANCELLED} or {@code SKIPPED}. The errata
 * and comps states are set by the sync as it reaches them. Beyond Pulp's shape, {@code metadata}
 * names under {@code not_synced} the kinds of metadata the feed lists that Depot does not bring
 * ({@link RepomdTypes}), and {@code errata} counts under {@code updated} the errata held already
 * that took what their source amended, and {@code warnings} lists what the user should know that
 * failed nothing (a module's defaults listed twice).
 */
final class YumSyncReport {
  static final String METADATA = "metadata_in_progress";
  static final String METADATA_FAILED = "metadata_failed";
  static final String CONTENT = "content_in_progress";
  static final String CONTENT_FAILED = "content_failed";
  static final String COMPLETE = "complete";
  static final String CANCELLED = "cancelled";

  private volatile String errata = "NOT_STARTED";
  private volatile String comps = "NOT_STARTED";
  private volatile String modules = "NOT_STARTED";
  private volatile String distribution = "NOT_STARTED";
  private volatile List<String> notSynced = List.of();
  private volatile String mirror;
  private final AtomicLong errataUpdated = new AtomicLong();

  /** Sets the modules step's state; the next progress report shows it. */
  void modules(String state) {
    modules = state;
  }

  /** Sets the mirror a mirrorlist or metalink feed led to; the report names it. */
  void mirror(String url) {
    mirror = url;
  }

  /** Sets the kinds of metadata the feed lists that this sync does not bring (prestodelta, ...). */
  void notSynced(List<String> types) {
    notSynced = List.copyOf(types);
  }

  /** Adds a kind of metadata this sync does not bring to those {@link #notSynced} set. */
  synchronized void notSyncedToo(String kind) {
    if (!notSynced.contains(kind)) {
      List<String> more = new java.util.ArrayList<>(notSynced);
      more.add(kind);
      notSynced = List.copyOf(more);
    }
  }

  /** Sets the kickstart tree step's state; the next progress report shows it. */
  void distribution(String state) {
    distribution = state;
  }

  /** Sets the errata step's state; the next progress report shows it. */
  void errata(String state) {
    errata = state;
  }

  /** Counts an erratum held already that the sync merged what its source amended into. */
  void erratumUpdated() {
    errataUpdated.incrementAndGet();
  }

  /** Sets the comps step's state; the next progress report shows it. */
  void comps(String state) {
    comps = state;
  }

  Map<String, Object> of(SyncProgress.Snapshot p) {
    String metadata;
    String content;
    switch (p.state()) {
      case METADATA -> {
        metadata = "IN_PROGRESS";
        content = "NOT_STARTED";
      }
      case METADATA_FAILED -> {
        metadata = "FAILED";
        content = "NOT_STARTED";
      }
      case CONTENT -> {
        metadata = "FINISHED";
        content = "IN_PROGRESS";
      }
      case CONTENT_FAILED -> {
        metadata = "FINISHED";
        content = "FAILED";
      }
      case COMPLETE -> {
        metadata = "FINISHED";
        content = "FINISHED";
      }
      case CANCELLED -> {
        metadata = p.files() > 0 ? "FINISHED" : "CANCELLED";
        content = "CANCELLED";
      }
      default -> {
        metadata = "NOT_STARTED";
        content = "NOT_STARTED";
      }
    }
    Map<String, Object> contentReport = new LinkedHashMap<>();
    contentReport.put("state", content);
    contentReport.put("items_total", p.files());
    contentReport.put("items_left", p.files() - p.filesFinished());
    contentReport.put("size_total", p.sizeTotal());
    contentReport.put("size_left", p.sizeLeft());
    contentReport.put("error_details", p.errors());
    contentReport.put("details", Map.of("rpm_total", p.files(), "rpm_done", p.filesFinished()));
    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> metadataReport = stateOnly(metadata, p.errorMessage());
    if (mirror != null) {
      metadataReport.put("mirror", mirror);
    }
    if (!notSynced.isEmpty()) {
      metadataReport.put("not_synced", notSynced);
    }
    report.put("metadata", metadataReport);
    report.put("content", contentReport);
    report.put("errata", errataReport());
    report.put("comps", stateOnly(comps, null));
    report.put("modules", stateOnly(modules, null));
    report.put("distribution", stateOnly(distribution, null));
    if (!p.warnings().isEmpty()) {
      report.put("warnings", p.warnings()); // beyond Pulp's shape: what failed nothing
    }
    return report;
  }

  private Map<String, Object> errataReport() {
    Map<String, Object> report = stateOnly(errata, null);
    if (errataUpdated.get() > 0) {
      report.put("updated", errataUpdated.get()); // beyond Pulp's shape: errata amended
    }
    return report;
  }

  private static Map<String, Object> stateOnly(String state, String error) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("state", state);
    if (error != null && state.equals("FAILED")) {
      m.put("error", error);
    }
    return m;
  }
}
