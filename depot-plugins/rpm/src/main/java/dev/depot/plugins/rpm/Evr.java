package dev.depot.plugins.rpm;

/**
 * An epoch, version and release, ordered as rpm orders them: epochs as numbers, then version and
 * release segment by segment (digits against digits as numbers, letters against letters as text, a
 * digit segment newer than a letter one, {@code ~} older than anything, even the end, and {@code ^}
 * newer than the end but older than anything else).
 *
 * @param epoch the epoch, null or empty meaning 0
 * @param version the version
 * @param release the release, or null when not given (a requirement such as {@code lib >= 2.0}
 *     names none: then releases are not compared)
 */
record Evr(String epoch, String version, String release) {
  /** rpm's order; a release missing on either side is not compared. */
  static int compare(Evr a, Evr b) {
    int byEpoch = Long.compare(epochOf(a), epochOf(b));
    if (byEpoch != 0) {
      return byEpoch;
    }
    int byVersion = compareSegments(a.version, b.version);
    if (byVersion != 0 || a.release == null || b.release == null) {
      return byVersion;
    }
    return compareSegments(a.release, b.release);
  }

  private static long epochOf(Evr evr) {
    if (evr.epoch == null || evr.epoch.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(evr.epoch);
    } catch (NumberFormatException e) {
      return 0; // rpm reads a malformed epoch as 0 too
    }
  }

  /** rpm's version comparison of one version or release string against another. */
  static int compareSegments(String a, String b) {
    if (a.equals(b)) {
      return 0;
    }
    int i = 0;
    int j = 0;
    while (true) {
      i = skipSeparators(a, i);
      j = skipSeparators(b, j);
      int tilde = marker(a, i, b, j, '~');
      if (tilde != 2) {
        if (tilde != 0) {
          return tilde;
        }
        i++;
        j++;
        continue;
      }
      int caret = caret(a, i, b, j);
      if (caret != 2) {
        if (caret != 0) {
          return caret;
        }
        i++;
        j++;
        continue;
      }
      if (i >= a.length() || j >= b.length()) {
        return Integer.compare(a.length() - i > 0 ? 1 : 0, b.length() - j > 0 ? 1 : 0);
      }
      boolean numeric = isAsciiDigit(a.charAt(i));
      int endA = segmentEnd(a, i, numeric);
      int endB = segmentEnd(b, j, numeric);
      if (endB == j) { // b's segment is of the other kind: a number beats letters
        return numeric ? 1 : -1;
      }
      int bySegment =
          numeric
              ? compareNumbers(a.substring(i, endA), b.substring(j, endB))
              : a.substring(i, endA).compareTo(b.substring(j, endB));
      if (bySegment != 0) {
        return Integer.signum(bySegment);
      }
      i = endA;
      j = endB;
    }
  }

  /**
   * For {@code ~}: -1 or 1 when only one side has it there (that side is older), 0 when both do
   * (skip it), 2 when neither does.
   */
  private static int marker(String a, int i, String b, int j, char c) {
    boolean inA = i < a.length() && a.charAt(i) == c;
    boolean inB = j < b.length() && b.charAt(j) == c;
    if (inA && inB) {
      return 0;
    }
    if (inA || inB) {
      return inA ? -1 : 1;
    }
    return 2;
  }

  /** For {@code ^}: older than anything but the end, which it is newer than. */
  private static int caret(String a, int i, String b, int j) {
    boolean inA = i < a.length() && a.charAt(i) == '^';
    boolean inB = j < b.length() && b.charAt(j) == '^';
    if (inA && inB) {
      return 0;
    }
    if (inA) {
      return j >= b.length() ? 1 : -1;
    }
    if (inB) {
      return i >= a.length() ? -1 : 1;
    }
    return 2;
  }

  private static int skipSeparators(String s, int i) {
    while (i < s.length()
        && !isAsciiDigit(s.charAt(i))
        && !isAsciiLetter(s.charAt(i))
        && s.charAt(i) != '~'
        && s.charAt(i) != '^') {
      i++;
    }
    return i;
  }

  private static int segmentEnd(String s, int i, boolean numeric) {
    while (i < s.length() && (numeric ? isAsciiDigit(s.charAt(i)) : isAsciiLetter(s.charAt(i)))) {
      i++;
    }
    return i;
  }

  private static boolean isAsciiDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static int compareNumbers(String a, String b) {
    String x = a.replaceFirst("^0+", "");
    String y = b.replaceFirst("^0+", "");
    return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
  }
}
