package dev.depot.server.task;

import java.util.List;
import java.util.Map;

/** How a task handler's work ended. */
public sealed interface TaskOutcome {
  /** The JSON-able result stored on the task. */
  Object result();

  /**
   * Done.
   *
   * @param result the result
   * @param spawned ids of tasks queued by this one
   */
  record Finished(Object result, List<String> spawned) implements TaskOutcome {}

  /**
   * Nothing needed doing.
   *
   * @param result the result
   */
  record Skipped(Object result) implements TaskOutcome {}

  /**
   * Stopped by a cancel.
   *
   * @param result the result
   */
  record Canceled(Object result) implements TaskOutcome {}

  /**
   * Failed.
   *
   * @param result the result (e.g. the history entry), possibly null
   * @param error Pulp's error object
   * @param traceback text for operators
   */
  record Failed(Object result, Map<String, Object> error, String traceback)
      implements TaskOutcome {}
}
