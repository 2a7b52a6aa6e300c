package dev.depot.server.task;

/** Runs one type of task on a worker. */
@FunctionalInterface
public interface TaskHandler {
  /**
   * Does the work. Exceptions end the task in {@code error} with their message.
   *
   * @param task the running task: its arguments, progress, cancellation
   */
  TaskOutcome run(RunningTask task) throws Exception;
}
