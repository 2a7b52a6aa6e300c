package dev.depot.plugins.file;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * Forwards a cancel to the operation a plugin instance is running. The platform calls {@code
 * cancel...Repo()} from another thread, possibly before the operation has started; then the
 * operation is cancelled the moment it starts.
 */
final class Cancellation {
  /** A plugin operation: a sync or a publish. */
  interface Operation<T> {
    T run() throws IOException, InterruptedException;
  }

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

  /**
   * Runs an operation that {@code canceller} stops, as {@link #starting} and {@link #finished}
   * frame it. An I/O failure is rethrown unchecked, for the platform to report; an interrupt
   * cancels the operation and gives {@code interrupted}'s report.
   */
  <T> T run(Runnable canceller, Operation<T> operation, Supplier<T> interrupted) {
    starting(canceller);
    try {
      return operation.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      canceller.run();
      return interrupted.get();
    } finally {
      finished();
    }
  }
}
