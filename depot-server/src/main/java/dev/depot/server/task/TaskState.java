package dev.depot.server.task;

import java.util.Locale;

/** A task's life: waiting, running, then one of the complete states. */
public enum TaskState {
  /** Queued, not yet claimed by a worker. */
  WAITING,
  /** Claimed and running on a worker. */
  RUNNING,
  /** Ended normally. */
  FINISHED,
  /** Ended with an error, or its worker went missing. */
  ERROR,
  /** Cancelled while waiting or running. */
  CANCELED,
  /** Nothing to do (e.g. a publish when nothing changed). */
  SKIPPED;

  /** The name on the wire, e.g. {@code waiting}. */
  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the task will not change state any more. */
  public boolean isComplete() {
    return this != WAITING && this != RUNNING;
  }

  /** Parses a wire name. */
  public static TaskState of(String wire) {
    return valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
