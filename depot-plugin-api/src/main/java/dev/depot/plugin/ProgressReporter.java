package dev.depot.plugin;

/**
 * Where a running sync or publish reports how far it is.
 *
 * <p>Implemented by the platform and by test doubles, never by plugins.
 */
public interface ProgressReporter {
  /**
   * Replaces this plugin's progress report on the running task. The value must be JSON-able (maps,
   * lists, strings, numbers, booleans). Call it as often as is natural: the platform throttles
   * writes, and the last report always lands. Outside a task it does nothing.
   */
  void setProgress(Object report);
}
