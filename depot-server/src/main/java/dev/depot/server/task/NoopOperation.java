package dev.depot.server.task;

import java.util.List;
import java.util.Map;

/**
 * A task that does nothing: measures the queue itself (the task benchmark) and checks that workers
 * are alive end to end.
 */
public final class NoopOperation implements TaskHandler {
  /** The task type. */
  public static final String TYPE = "depot.noop";

  /** A no-op task reserving {@code resource} (null for none). */
  public static NewTask task(String resource) {
    return new NewTask(TYPE, resource, List.of("depot:action:noop"), Map.of());
  }

  @Override
  public TaskOutcome run(RunningTask task) {
    return new TaskOutcome.Finished(null, List.of());
  }
}
