package dev.depot.publish.cancel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.function.Supplier;

/**
 * Forwards a cancel to the operation a plugin instance is running: what {@code cancelSyncRepo()}
 * and {@code cancelPublishRepo()} need. The platform calls them from another thread, possibly
 * before the operation has started; then the operation is cancelled the moment it starts.
 *
 * <p>One per plugin instance (the platform never reuses an instance between operations):
 *
 * <pre>{@code
 * private final Cancellation cancellation = new Cancellation();
 *
 * public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration c) {
 *   MySync sync = new MySync(repo, conduit, c);
 *   return cancellation.run(sync::cancel, sync::run, () -> SyncReport.canceled("cancelled", null));
 * }
 *
 * public void cancelSyncRepo() {
 *   cancellation.cancel();
 * }
 * }</pre>
 */
public final class Cancellation {
  /**
   * A plugin operation: a sync or a publish.
   *
   * @param <T> its report
   */
  public interface Operation<T> {
    /** Runs the operation to its report. */
    T run() throws IOException, InterruptedException;
  }

  private volatile Runnable current;
  private volatile boolean requested;

  /** A cancellation nobody has asked for yet. */
  public Cancellation() {}

  /** Asks the running operation, or the next one to start, to stop. */
  public void cancel() {
    requested = true;
    Runnable canceller = current;
    if (canceller != null) {
      canceller.run();
    }
  }

  /** Whether a cancel was asked for: the flag a long loop checks between steps. */
  public boolean isRequested() {
    return requested;
  }

  /**
   * Stops the caller when a cancel was asked for: the check a long loop makes between steps.
   *
   * @param what what stops, for the exception's message (e.g. {@code "publish"})
   * @throws CancellationException when a cancel was asked for
   */
  public void throwIfRequested(String what) {
    if (requested) {
      throw new CancellationException(what + " cancelled");
    }
  }

  /** An operation starts: {@code canceller} stops it (at once, if a cancel came before). */
  public void starting(Runnable canceller) {
    current = canceller;
    if (requested) {
      canceller.run();
    }
  }

  /** The operation is over: a cancel from now on reaches no operation. */
  public void finished() {
    current = null;
  }

  /**
   * Runs an operation that {@code canceller} stops, as {@link #starting} and {@link #finished}
   * frame it. An I/O failure is rethrown unchecked, for the platform to report; an interrupt
   * cancels the operation and gives {@code interrupted}'s report.
   *
   * @param <T> the operation's report
   * @param canceller stops the operation; called from another thread
   * @param operation the operation
   * @param interrupted the report of an operation the thread's interrupt stopped
   * @return the operation's report
   */
  public <T> T run(Runnable canceller, Operation<T> operation, Supplier<T> interrupted) {
    starting(canceller);
    try {
      return operation.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      requested = true;
      canceller.run();
      return interrupted.get();
    } finally {
      finished();
    }
  }
}
