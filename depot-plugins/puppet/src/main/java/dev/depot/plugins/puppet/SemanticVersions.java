package dev.depot.plugins.puppet;

import java.math.BigInteger;
import java.util.Comparator;

/**
 * Semantic Versioning 2.0 precedence, which module versions follow: major, minor and patch compared
 * as numbers ({@code 1.10.0} after {@code 1.2.0}); a pre-release ({@code 1.0.0-rc.1}) before its
 * release; pre-release identifiers compared one by one, numbers as numbers and before words, a
 * shorter list first when all else is equal; build metadata ({@code +build.5}) ignored.
 */
final class SemanticVersions {
  /** Oldest first. */
  static final Comparator<String> OLDEST_FIRST = SemanticVersions::compare;

  private SemanticVersions() {}

  static int compare(String a, String b) {
    String[] left = core(a);
    String[] right = core(b);
    for (int i = 0; i < 3; i++) {
      int c = number(left[i]).compareTo(number(right[i]));
      if (c != 0) {
        return c;
      }
    }
    return comparePreRelease(preRelease(a), preRelease(b));
  }

  private static int comparePreRelease(String a, String b) {
    if (a == null || b == null) {
      return a == null ? (b == null ? 0 : 1) : -1; // a release after its pre-releases
    }
    String[] left = a.split("\\.");
    String[] right = b.split("\\.");
    for (int i = 0; i < Math.min(left.length, right.length); i++) {
      boolean leftNumber = left[i].chars().allMatch(Character::isDigit);
      boolean rightNumber = right[i].chars().allMatch(Character::isDigit);
      int c;
      if (leftNumber && rightNumber) {
        c = number(left[i]).compareTo(number(right[i]));
      } else if (leftNumber || rightNumber) {
        c = leftNumber ? -1 : 1;
      } else {
        c = left[i].compareTo(right[i]);
      }
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(left.length, right.length);
  }

  private static String[] core(String version) {
    String[] parts = withoutBuild(version).split("-", 2)[0].split("\\.");
    return new String[] {part(parts, 0), part(parts, 1), part(parts, 2)};
  }

  private static String preRelease(String version) {
    String[] parts = withoutBuild(version).split("-", 2);
    return parts.length == 2 ? parts[1] : null;
  }

  private static String withoutBuild(String version) {
    int plus = version.indexOf('+');
    return plus < 0 ? version : version.substring(0, plus);
  }

  private static String part(String[] parts, int i) {
    return i < parts.length ? parts[i] : "0";
  }

  private static BigInteger number(String digits) {
    return digits.isEmpty() || !digits.chars().allMatch(Character::isDigit)
        ? BigInteger.ZERO
        : new BigInteger(digits);
  }
}
