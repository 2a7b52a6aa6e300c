package dev.depot.server;

/** Runs an action at most once per interval, however often it is asked to. */
final class Throttled implements Runnable {
  private final long intervalMillis;
  private final Runnable action;
  private long last;

  Throttled(long intervalMillis, Runnable action) {
    this.intervalMillis = intervalMillis;
    this.action = action;
  }

  @Override
  public synchronized void run() {
    long now = System.currentTimeMillis();
    if (now - last >= intervalMillis) {
      last = now;
      action.run();
    }
  }
}
