package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Map;
import java.util.Set;

/**
 * Polls a task until it completes, drawing a progress bar from its progress report on a terminal
 * (or printing state changes when output is not a terminal).
 */
final class TaskWatcher {
  private static final Set<String> COMPLETE = Set.of("finished", "error", "canceled", "skipped");
  private static final int WIDTH = 30;

  private final ApiClient api;
  private final PrintWriter err;
  private final boolean terminal;

  TaskWatcher(ApiClient api, PrintWriter err, boolean terminal) {
    this.api = api;
    this.err = err;
    this.terminal = terminal;
  }

  JsonNode await(String taskId) {
    String lastState = "";
    int tick = 0;
    while (true) {
      JsonNode task = api.get("tasks/" + taskId + "/");
      String state = task.path("state").asText();
      if (terminal) {
        err.print("\r" + bar(task, tick++) + "\u001b[K");
        err.flush();
      } else if (!state.equals(lastState)) {
        err.println("Task " + taskId + ": " + state);
        err.flush();
      }
      lastState = state;
      if (COMPLETE.contains(state)) {
        if (terminal) {
          err.println();
        }
        return task;
      }
      try {
        Thread.sleep(300);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return task;
      }
    }
  }

  /** A bar like {@code [#########.........] 45% running (9/20)}, or a spinner if unknown. */
  static String bar(JsonNode task, int tick) {
    long[] fraction = fraction(task.path("progress_report"));
    String state = task.path("state").asText();
    if (fraction == null || fraction[1] <= 0) {
      return "[" + "-\\|/".charAt(tick % 4) + "] " + state;
    }
    return bar(fraction[0], fraction[1], state);
  }

  /** A bar like {@code [#########.........] 45% label (9/20)}. */
  static String bar(long done, long total, String label) {
    long shown = Math.min(done, total);
    int filled = total <= 0 ? WIDTH : (int) (WIDTH * shown / total);
    return "["
        + "#".repeat(filled)
        + ".".repeat(WIDTH - filled)
        + "] "
        + String.format("%3d%%", total <= 0 ? 100 : 100 * shown / total)
        + " "
        + label
        + " ("
        + shown
        + "/"
        + total
        + ")";
  }

  /**
   * Finds a done/total pair anywhere in a progress report: {@code done/total}, {@code step/steps},
   * {@code finished/total}, or {@code items_total/items_left}.
   */
  static long[] fraction(JsonNode report) {
    if (report == null || !report.isObject()) {
      return null;
    }
    long[] here = pair(report);
    if (here != null) {
      return here;
    }
    for (Map.Entry<String, JsonNode> entry : report.properties()) {
      long[] nested = fraction(entry.getValue());
      if (nested != null) {
        return nested;
      }
    }
    return null;
  }

  private static long[] pair(JsonNode n) {
    String[][] pairs = {
      {"done", "total"},
      {"step", "steps"},
      {"finished", "total"},
      {"num_processed", "num_units"}, // publishes
      {"bytes_written", "bytes_total"}, // exports
    };
    for (String[] p : pairs) {
      if (n.path(p[0]).isNumber() && n.path(p[1]).isNumber()) {
        return new long[] {n.path(p[0]).asLong(), n.path(p[1]).asLong()};
      }
    }
    // Left-to-do counters: generic items, and the bytes of an ISO sync.
    for (String[] p : new String[][] {{"items_total", "items_left"}, {"size_total", "size_left"}}) {
      if (n.path(p[0]).isNumber() && n.path(p[1]).isNumber() && n.path(p[0]).asLong() > 0) {
        long total = n.path(p[0]).asLong();
        return new long[] {total - n.path(p[1]).asLong(), total};
      }
    }
    return null;
  }

  /** What a failed or cancelled task says. */
  static String describe(JsonNode task) {
    String state = task.path("state").asText();
    String description = task.path("error").path("description").asText("");
    // A failed publish (PLP0034) says why in its report's summary, e.g. rsync's own message.
    String summary = task.path("error").path("data").path("summary").asText("");
    if (!summary.isBlank() && !summary.startsWith("{") && !summary.startsWith("[")) {
      description = description.isEmpty() ? summary : description + ": " + summary;
    }
    return "Task "
        + task.path("task_id").asText()
        + " ended "
        + state
        + (description.isEmpty() ? "" : ": " + description);
  }

  /** A short summary for a successful sync or publish. */
  static String summary(JsonNode task) {
    JsonNode result = task.path("result");
    if (result.has("added_count")) {
      return " (added "
          + result.path("added_count").asLong()
          + ", removed "
          + result.path("removed_count").asLong()
          + ")";
    }
    if (result.has("units_successful_count")) {
      return " (" + result.path("units_successful_count").asLong() + " units)";
    }
    if (task.path("state").asText().equals("skipped")) {
      return " (skipped: nothing changed since the last publish)";
    }
    JsonNode summary = result.path("summary");
    if (summary.path("images").isArray()) {
      // An export: say where the images are, one per line.
      StringBuilder text =
          new StringBuilder(" (" + summary.path("images").size() + " images")
              .append(", ")
              .append(summary.path("files").asLong())
              .append(" files) at ")
              .append(summary.path("relative_path").asText());
      summary.path("images").forEach(i -> text.append("\n  ").append(i.path("name").asText()));
      return text.toString();
    }
    if (summary.has("export_dir")) {
      return " ("
          + summary.path("files").asLong()
          + " files written to "
          + summary.path("export_dir").asText()
          + ")";
    }
    return "";
  }
}
