package dev.depot.server.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Keys a check passed, trusted for a while without checking them again: the confinement checks
 * resolve paths with a system call per component, too dear for every request. At most {@code max}
 * keys are kept (all are forgotten at once beyond), so memory stays bounded.
 */
final class TrustWindow<K> {
  private final long nanos;
  private final int max;
  private final ConcurrentHashMap<K, Long> trustedUntil = new ConcurrentHashMap<>();

  /** Trusts a key for {@code nanos} after a check passed; keeps at most {@code max} keys. */
  TrustWindow(long nanos, int max) {
    this.nanos = nanos;
    this.max = max;
  }

  /** Whether {@code key} passes {@code check}, asked again only once its trust ran out. */
  boolean passes(K key, Predicate<K> check) {
    long now = System.nanoTime();
    Long until = trustedUntil.get(key);
    if (until != null && until - now > 0) {
      return true;
    }
    if (!check.test(key)) {
      trustedUntil.remove(key);
      return false;
    }
    if (trustedUntil.size() >= max) {
      trustedUntil.clear();
    }
    trustedUntil.put(key, now + nanos);
    return true;
  }
}
