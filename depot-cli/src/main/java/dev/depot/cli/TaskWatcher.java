package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Console;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Polls a task until it completes. On a terminal it redraws one line: a bar, files and bytes done
 * of total, rate and ETA. Otherwise (a CI log, a pipe) it prints plain lines, never a carriage
 * return: one when the state changes (so one at the end) and one every {@code interval} while the
 * task runs.
 */
final class TaskWatcher {
  /** How often a plain progress line is printed when no interval is configured. */
  static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);

  private static final Set<String> COMPLETE = Set.of("finished", "error", "canceled", "skipped");
  private static final int WIDTH = 30;
  private static final long POLL_MILLIS = 300;

  /** How long a task waits before the CLI asks whether any worker could take it. */
  private static final long NO_WORKER_HINT_NANOS = 5_000_000_000L;

  private final ApiClient api;
  private final PrintWriter err;
  private final boolean terminal;
  private final Duration interval;

  TaskWatcher(ApiClient api, PrintWriter err, boolean terminal, Duration interval) {
    this.api = api;
    this.err = err;
    this.terminal = terminal;
    this.interval = interval;
  }

  /**
   * The interval of plain progress lines: {@code DEPOT_PROGRESS_INTERVAL} seconds (a decimal such
   * as {@code 0.5} is allowed), else {@link #DEFAULT_INTERVAL}.
   */
  static Duration interval(Map<String, String> env) {
    String value = env.get("DEPOT_PROGRESS_INTERVAL");
    if (value == null || value.isBlank()) {
      return DEFAULT_INTERVAL;
    }
    try {
      double seconds = Double.parseDouble(value.strip());
      if (seconds > 0) {
        return Duration.ofMillis(Math.max(1, (long) (seconds * 1000)));
      }
    } catch (NumberFormatException e) {
      // Falls through to the refusal below.
    }
    throw new IllegalArgumentException(
        "DEPOT_PROGRESS_INTERVAL must be a number of seconds above 0, not '" + value + "'");
  }

  /**
   * Whether standard output is an interactive terminal. JDK 22 made {@code System.console()} return
   * a console even when output is redirected (the default provider changed; JDK 25 here returns
   * null again), so where {@code isTerminal()} exists (JDK 22+) it has the last word.
   */
  static boolean onTerminal() {
    Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
    } catch (NoSuchMethodException e) {
      return true; // JDK 21: a console exists only for a terminal
    } catch (ReflectiveOperationException e) {
      return false;
    }
  }

  /**
   * Follows the task to its end. Interrupted (Ctrl-C), the CLI says the task goes on on the server
   * and how to stop it: watching is all the CLI does.
   */
  JsonNode await(String taskId) {
    Thread hint =
        new Thread(
            () -> {
              err.println();
              err.println(
                  "Task "
                      + taskId
                      + " keeps running on the server; stop it with: depot task cancel "
                      + taskId);
              err.flush();
            });
    Runtime.getRuntime().addShutdownHook(hint);
    try {
      return follow(taskId);
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hint);
      } catch (IllegalStateException e) {
        // The JVM is going down: the hint runs.
      }
    }
  }

  private JsonNode follow(String taskId) {
    String lastState = "";
    long lastLine = System.nanoTime();
    long waitingSince = System.nanoTime();
    boolean toldNoWorker = false;
    Rate rate = new Rate();
    int tick = 0;
    while (true) {
      JsonNode task = api.get("tasks/" + taskId + "/");
      long now = System.nanoTime();
      String state = task.path("state").asText();
      if (!toldNoWorker && state.equals("waiting") && now - waitingSince > NO_WORKER_HINT_NANOS) {
        toldNoWorker = true;
        if (noWorker()) {
          err.println(
              (terminal ? "\r\u001b[K" : "")
                  + "No worker is running to take task "
                  + taskId
                  + ": start one (depot server, with the worker role); the task waits for it.");
          err.flush();
        }
      }
      TaskProgress progress = TaskProgress.of(task.path("progress_report"));
      rate.sample(now, progress.measured());
      boolean complete = COMPLETE.contains(state);
      if (terminal) {
        err.print("\r" + bar(state, progress, rate, tick++) + "\u001b[K");
        if (complete) {
          err.println();
        }
        err.flush();
      } else if (!state.equals(lastState) || now - lastLine >= interval.toNanos()) {
        // Even without numbers a line every interval tells a CI log the task is alive.
        err.println("Task " + taskId + ": " + line(state, progress, rate));
        err.flush();
        lastLine = now;
      }
      lastState = state;
      if (complete) {
        return task;
      }
      try {
        Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, interval.toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return task;
      }
    }
  }

  /** Whether the server lists no worker at all (a task then waits for ever). */
  private boolean noWorker() {
    try {
      return api.get("status/").path("known_workers").isEmpty();
    } catch (RuntimeException e) {
      return false; // only a hint: never fail the wait for it
    }
  }

  /** {@code running, 3/10 files, 1.2 MiB/4.0 MiB, 512.0 KiB/s, ETA 6s}. */
  static String line(String state, TaskProgress progress, Rate rate) {
    String counts = progress.counts();
    String speed = rate.describe(progress);
    return state + (counts.isEmpty() ? "" : ", " + counts) + (speed.isEmpty() ? "" : ", " + speed);
  }

  /** A bar with the counts, rate and ETA; a spinner when nothing is counted yet. */
  static String bar(String state, TaskProgress progress, Rate rate, int tick) {
    long[] measured = progress.measured();
    if (measured == null || measured[1] <= 0) {
      return "[" + "-\\|/".charAt(tick % 4) + "] " + line(state, progress, rate);
    }
    long shown = Math.min(measured[0], measured[1]);
    int filled = (int) (WIDTH * shown / measured[1]);
    return "["
        + "#".repeat(filled)
        + ".".repeat(WIDTH - filled)
        + "] "
        + String.format(Locale.ROOT, "%3d%%", 100 * shown / measured[1])
        + " "
        + line(state, progress, rate);
  }

  /** The speed since progress was first seen, and what it leaves to wait. */
  static final class Rate {
    private long startNanos = -1;
    private long startDone;
    private long lastNanos;
    private long lastDone;

    void sample(long nanos, long[] measured) {
      if (measured == null) {
        return;
      }
      if (startNanos < 0) {
        startNanos = nanos;
        startDone = measured[0];
      }
      lastNanos = nanos;
      lastDone = measured[0];
    }

    /** Units per second, or -1 before there is enough to tell. */
    double perSecond() {
      double seconds = (lastNanos - startNanos) / 1e9;
      return startNanos < 0 || seconds < 0.5 ? -1 : (lastDone - startDone) / seconds;
    }

    /** {@code 2.0 MiB/s, ETA 0:07}, or empty before a speed is known. */
    String describe(TaskProgress progress) {
      double speed = perSecond();
      long[] measured = progress.measured();
      if (speed <= 0 || measured == null) {
        return ""; // unknown yet, or nothing moved: "0 B/s" says nothing a user needs
      }
      String text =
          progress.bytes() != null
              ? TaskProgress.size((long) speed) + "/s"
              : String.format(Locale.ROOT, "%.1f files/s", speed);
      long left = measured[1] - measured[0];
      if (measured[1] >= 0 && left > 0 && speed > 0) {
        text += ", ETA " + TaskProgress.duration((long) Math.ceil(left / speed));
      }
      return text;
    }
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
   * The files a task's progress report lists as failed, one line each: {@code name: url: reason}.
   * Reads Pulp's shapes: {@code iso_error_messages} / {@code error_details} entries with a {@code
   * name} and an {@code error} that is a dict ({@code response_code}, {@code response_msg}) or
   * text.
   */
  static List<String> failedFiles(JsonNode report) {
    List<String> lines = new ArrayList<>();
    collectFailures(report, lines);
    return lines;
  }

  private static void collectFailures(JsonNode node, List<String> lines) {
    if (node == null || !node.isContainerNode()) {
      return;
    }
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String key = entry.getKey();
      if ((key.equals("iso_error_messages") || key.equals("error_details"))
          && entry.getValue().isArray()) {
        entry.getValue().forEach(e -> lines.add(failure(e)));
      } else {
        collectFailures(entry.getValue(), lines);
      }
    }
  }

  private static String failure(JsonNode entry) {
    JsonNode error = entry.path("error");
    String name = entry.path("name").asText("");
    String why;
    if (error.isObject()) {
      String url = error.path("url").asText("");
      why = (url.isEmpty() ? "" : url + ": ") + error.path("response_msg").asText("");
    } else {
      why = error.asText("");
    }
    return name.isEmpty() ? why : name + ": " + why;
  }

  /** What a failed or cancelled task says. */
  static String describe(JsonNode task) {
    String state = task.path("state").asText();
    String description = task.path("error").path("description").asText("");
    // A failed publish (PLP0034) says why in its report's summary, e.g. rsync's own message.
    String summary = task.path("error").path("data").path("summary").asText("");
    if (!summary.isBlank()
        && !summary.startsWith("{")
        && !summary.startsWith("[")
        && !description.contains(summary)) { // an import's description quotes it already
      description = description.isEmpty() ? summary : description + ": " + summary;
    }
    return "Task "
        + task.path("task_id").asText()
        + " ended "
        + state
        + (description.isEmpty() ? "" : ": " + description);
  }

  /**
   * A sync's counts, and the warnings its report's summary gives: a sync that went through but not
   * as asked (a query matching nothing) says so there, or the user sees only "added 0" and wonders.
   */
  private static String syncSummary(JsonNode result) {
    long updated = result.path("updated_count").asLong();
    StringBuilder synced =
        new StringBuilder(" (added ")
            .append(result.path("added_count").asLong())
            .append(updated > 0 ? ", updated " + updated : "")
            .append(", removed ")
            .append(result.path("removed_count").asLong())
            .append(')');
    result
        .path("summary")
        .path("warnings")
        .forEach(w -> synced.append("\n  warning: ").append(w.asText()));
    return synced.toString();
  }

  /** A short summary for a successful sync or publish. */
  static String summary(JsonNode task) {
    JsonNode result = task.path("result");
    if (result.has("added_count")) {
      return syncSummary(result);
    }
    if (result.has("units_successful_count")) {
      long units = result.path("units_successful_count").asLong();
      StringBuilder copied = new StringBuilder(" (" + units + (units == 1 ? " unit)" : " units)"));
      // What the importer wants the user to know, such as a dependency nothing in the source meets.
      result.path("warnings").forEach(w -> copied.append("\n  warning: ").append(w.asText()));
      return copied.toString();
    }
    if (result.path("details").path("replaced_unit_keys").isArray()) {
      // An upload that took the place of units the repository held (a package rebuilt under the
      // same name and version): the user should not wonder where the old build went.
      StringBuilder replaced = new StringBuilder();
      result
          .path("details")
          .path("replaced_unit_keys")
          .forEach(k -> replaced.append("\n  replaced in the repository: ").append(k));
      return replaced.toString();
    }
    if (task.path("state").asText().equals("skipped")) {
      // Say how to publish again all the same (a tree lost by hand is republished by itself).
      return " (skipped: nothing changed since the last publish; --override force_full=true"
          + " publishes anyway)";
    }
    JsonNode summary = result.path("summary");
    if (summary.path("images").isArray()) {
      // An export: say where the images are, one per line.
      int images = summary.path("images").size();
      StringBuilder text =
          new StringBuilder(" (" + images + (images == 1 ? " image, " : " images, "))
              .append(files(summary))
              .append(") at ")
              .append(summary.path("relative_path").asText());
      summary.path("images").forEach(i -> text.append("\n  ").append(i.path("name").asText()));
      return text.toString();
    }
    if (summary.has("modules_installed") && summary.has("install_path")) {
      long modules = summary.path("modules_installed").asLong();
      return " ("
          + count(modules, "module")
          + " installed in "
          + summary.path("install_path").asText()
          + ")";
    }
    if (summary.has("export_dir")) {
      return " (" + files(summary) + " written to " + summary.path("export_dir").asText() + ")";
    }
    return "";
  }

  /** An export's files: the units', then the metadata's (each image holds its own copy). */
  private static String files(JsonNode summary) {
    String units = count(summary.path("files").asLong(), "unit file");
    return summary.has("metadata_files")
        ? units + " and " + count(summary.path("metadata_files").asLong(), "metadata file")
        : units;
  }

  /** "1 unit file", "2 unit files". */
  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }
}
