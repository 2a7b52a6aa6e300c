package dev.depot.publish.rsync;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A push's progress report: the step running, its items done of total, and one map per step ({@code
 * units}, {@code tree}) that the push fills with its figures and state.
 */
final class PushProgress {
  private final Consumer<Map<String, Object>> sink;
  private final Map<String, Object> units = new LinkedHashMap<>();
  private final Map<String, Object> tree = new LinkedHashMap<>();
  private String step = "units";
  private long done;
  private long total;

  PushProgress(Consumer<Map<String, Object>> sink, boolean withTree) {
    this.sink = sink;
    units.put("state", "not_started");
    tree.put("state", withTree ? "not_started" : "skipped");
  }

  Map<String, Object> units() {
    return units;
  }

  Map<String, Object> tree() {
    return tree;
  }

  /** Starts a step of {@code items} items. */
  void step(String name, long items) {
    step = name;
    done = 0;
    total = items;
  }

  void done(long items) {
    done = items;
  }

  /** Reports the push finished: every step done. */
  Map<String, Object> finish() {
    step = "done";
    done = total;
    return report("finished");
  }

  /** Hands the sink a snapshot in the given overall state, and returns it. */
  Map<String, Object> report(String state) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", state);
    report.put("step", step);
    report.put("done", done);
    report.put("total", total);
    report.put("units", new LinkedHashMap<>(units));
    report.put("tree", new LinkedHashMap<>(tree));
    sink.accept(report);
    return report;
  }
}
