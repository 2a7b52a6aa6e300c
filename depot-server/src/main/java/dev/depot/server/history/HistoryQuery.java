package dev.depot.server.history;

import java.time.Instant;

/**
 * Which history entries to list.
 *
 * @param limit at most this many, or 0 for all
 * @param ascending oldest first if true (default: newest first)
 * @param startDate only entries started at or after, or null
 * @param endDate only entries started at or before, or null
 */
public record HistoryQuery(int limit, boolean ascending, Instant startDate, Instant endDate) {
  /** Everything, newest first. */
  public static final HistoryQuery ALL = new HistoryQuery(0, false, null, null);
}
