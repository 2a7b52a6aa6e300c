package dev.depot.publish.download;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Caps the combined speed of all downloads of one sync: every read takes its bytes from a shared
 * budget that refills at the configured rate.
 */
final class Throttle {
  private final long bytesPerSecond;
  private long available;
  private long refilledAt = System.nanoTime();

  Throttle(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  /** Blocks until {@code bytes} may be transferred; returns at once when there is no cap. */
  void take(long bytes) throws InterruptedException {
    if (bytesPerSecond <= 0) {
      return;
    }
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      long refill = (now - refilledAt) * bytesPerSecond / TimeUnit.SECONDS.toNanos(1);
      // At most one second's worth accumulates, so a pause is not followed by a burst.
      available = Math.min(bytesPerSecond, available + refill);
      refilledAt = now;
      available -= bytes;
      waitNanos = available >= 0 ? 0 : -available * TimeUnit.SECONDS.toNanos(1) / bytesPerSecond;
    }
    if (waitNanos > 0) {
      LockSupport.parkNanos(waitNanos);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
