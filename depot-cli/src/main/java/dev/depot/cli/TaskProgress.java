package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * What a task's progress report says in numbers a user reads: files done of total and bytes done of
 * total, whichever the plugin reports, found by the names Pulp's plugins use wherever they sit in
 * the report ({@code num_isos_finished/num_isos} and {@code size_total/size_left} of an ISO sync,
 * {@code num_processed/num_units} of a publish, {@code bytes_written} of an export...).
 *
 * @param files files (or units, or steps) done and total, or null when the report has none
 * @param bytes bytes done and total (total -1 when unknown), or null when the report has none
 */
record TaskProgress(long[] files, long[] bytes) {
  private static final String[][] COUNTED = {
    {"num_isos_finished", "num_isos"}, // ISO sync
    {"done", "total"},
    {"finished", "total"},
    {"num_processed", "num_units"}, // publishes
    {"step", "steps"},
  };

  /** Reads a progress report; never null, its parts are null when unknown. */
  static TaskProgress of(JsonNode report) {
    return new TaskProgress(find(report, TaskProgress::files), find(report, TaskProgress::bytes));
  }

  boolean isEmpty() {
    return files == null && bytes == null;
  }

  /** Units to measure speed in: bytes when known, else files. Null when nothing is counted. */
  long[] measured() {
    return bytes != null ? bytes : files;
  }

  /** {@code 3/10 files, 1.2 MiB/4.0 MiB}, or empty. */
  String counts() {
    StringBuilder text = new StringBuilder();
    if (files != null) {
      text.append(files[0]).append('/').append(files[1]).append(" files");
    }
    if (bytes != null) {
      text.append(text.isEmpty() ? "" : ", ").append(size(bytes[0]));
      text.append(bytes[1] >= 0 ? "/" + size(bytes[1]) : " written");
    }
    return text.toString();
  }

  /** {@code 1.5 MiB} and the like, binary units. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }

  /** {@code 1:05:07}, {@code 3:07} or {@code 7s}. */
  static String duration(long seconds) {
    if (seconds < 60) {
      return seconds + "s";
    }
    long h = seconds / 3600;
    long m = seconds % 3600 / 60;
    long s = seconds % 60;
    return h > 0
        ? String.format(Locale.ROOT, "%d:%02d:%02d", h, m, s)
        : String.format(Locale.ROOT, "%d:%02d", m, s);
  }

  private static long[] files(JsonNode n) {
    for (String[] p : COUNTED) {
      if (n.path(p[0]).isNumber() && n.path(p[1]).isNumber()) {
        return new long[] {n.path(p[0]).asLong(), n.path(p[1]).asLong()};
      }
    }
    if (n.path("items_total").isNumber() && n.path("items_left").isNumber()) {
      long total = n.path("items_total").asLong();
      return new long[] {total - n.path("items_left").asLong(), total};
    }
    return null;
  }

  private static long[] bytes(JsonNode n) {
    if (n.path("size_total").isNumber() && n.path("size_left").isNumber()) {
      long total = n.path("size_total").asLong();
      return new long[] {total - n.path("size_left").asLong(), total};
    }
    if (n.path("finished_bytes").isNumber() && n.path("total_bytes").isNumber()) {
      return new long[] {n.path("finished_bytes").asLong(), n.path("total_bytes").asLong()};
    }
    if (n.path("bytes_written").isNumber()) {
      long total = n.path("bytes_total").isNumber() ? n.path("bytes_total").asLong() : -1;
      return new long[] {n.path("bytes_written").asLong(), total};
    }
    return null;
  }

  private static long[] find(JsonNode report, Function<JsonNode, long[]> pair) {
    if (report == null || !report.isObject()) {
      return null;
    }
    long[] here = pair.apply(report);
    // 0 of 0 is what a report says before it knows (an ISO sync before its manifest is read).
    if (here != null && (here[0] != 0 || here[1] != 0)) {
      return here;
    }
    for (Map.Entry<String, JsonNode> entry : report.properties()) {
      long[] nested = find(entry.getValue(), pair);
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }
}
