package dev.depot.publish.config;

import java.util.Collection;
import java.util.Optional;

/**
 * The known name a misspelt one was meant to be: the closest within two one-letter edits, so a
 * refusal can say "did you mean X?" ({@code severty} → {@code severity}, {@code databse_url} →
 * {@code database-url}). Further off, a guess would mislead more than it helps, and none is made.
 */
public final class NearestName {
  /** At most this many insertions, deletions and changes apart. */
  static final int MAX_EDITS = 2;

  private NearestName() {}

  /**
   * The known name closest to {@code name}, the first of equally close ones, if one is at most
   * {@value #MAX_EDITS} edits away.
   */
  public static Optional<String> of(String name, Collection<String> known) {
    String nearest = null;
    int best = MAX_EDITS + 1;
    for (String candidate : known) {
      int edits = distance(name, candidate);
      if (edits < best) {
        nearest = candidate;
        best = edits;
      }
    }
    return Optional.ofNullable(nearest);
  }

  /** Levenshtein distance: the fewest one-letter insertions, deletions and changes. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int change = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(change, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
