package dev.depot.server.db;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * UUIDs of version 7 (RFC 9562): a millisecond timestamp first, then a counter and random bits, so
 * each id is greater than the last one made here, as a number and as text.
 *
 * <p>Unit ids key {@code units} and lead the keys of {@code unit_fields} and {@code repo_units}.
 * Random (version 4) ids land all over those B-trees, so every batch a sync commits dirtied nearly
 * every page of every one of those indexes, and the database wrote them all out again: the cost of
 * a batch grew with the size of the tables. Ids that grow with time are added at the right edge.
 */
public final class TimeOrderedIds {
  private static final int COUNTER_BITS = 12;

  /** The last (milliseconds, counter) pair handed out, as {@code ms << 12 | counter}. */
  private static final AtomicLong LAST = new AtomicLong();

  private TimeOrderedIds() {}

  /** A new id, in the usual 36-character form. */
  public static String next() {
    long now = System.currentTimeMillis() << COUNTER_BITS;
    // Past 4096 ids in one millisecond the counter runs into the next one: still increasing.
    long stamp = LAST.updateAndGet(previous -> Math.max(previous + 1, now));
    long millis = stamp >>> COUNTER_BITS;
    long counter = stamp & ((1 << COUNTER_BITS) - 1);
    long high = (millis << 16) | 0x7000L | counter; // version 7
    long low = (ThreadLocalRandom.current().nextLong() >>> 2) | 0x8000_0000_0000_0000L; // variant
    return new UUID(high, low).toString();
  }
}
