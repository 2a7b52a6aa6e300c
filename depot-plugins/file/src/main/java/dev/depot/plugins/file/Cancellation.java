package dev.depot.plugins.file;

/**
 * Forwards a cancel to the operation a plugin instance is running. The platform calls {@code
 * cancel...Repo()} from another thread, possibly before the operation has started; then the
 * operation is cancelled the moment it starts.
 */
final class Cancellation {
  private volatile Runnable current;
  private volatile boolean requested;

  /** Asks the running operation, or the next one to start, to stop. */
  void cancel() {
    requested = true;
    Runnable canceller = current;
    if (canceller != null) {
      canceller.run();
    }
  }

  /** An operation starts: {@code canceller} stops it. */
  void starting(Runnable canceller) {
    current = canceller;
    if (requested) {
      canceller.run();
    }
  }

  /** The operation is over. */
  void finished() {
    current = null;
  }
}
