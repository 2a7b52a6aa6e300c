package dev.depot.plugins.rpm;

/**
 * One entry of a package's provides, requires, conflicts, obsoletes or weak dependencies, as
 * createrepo_c writes it: the comparison ({@code EQ}, {@code LT}, ...; null for none), the version
 * split into epoch, version and release, and whether it must be there before the package's scripts
 * run ({@code pre}).
 *
 * @param name what is provided or required
 * @param flags the comparison, or null when the entry names no version
 * @param epoch the epoch, {@code 0} when the version names none; null without a version
 * @param version the version; null without one
 * @param release the release, or null when the version names none
 * @param pre whether it is an install-time prerequisite
 */
public record RpmDependency(
    String name, String flags, String epoch, String version, String release, boolean pre) {
  private static final int LESS = 1 << 1;
  private static final int GREATER = 1 << 2;
  private static final int EQUAL = 1 << 3;

  /** Prerequisite bits (legacy PREREQ, script pre/post, pre/post transaction), as createrepo_c. */
  private static final int PRE_MASK = (1 << 6) | (1 << 9) | (1 << 10) | (1 << 7) | (1 << 5);

  /** An entry from the header's name, sense flags and {@code [epoch:]version[-release]}. */
  static RpmDependency of(String name, long senseFlags, String evr) {
    boolean pre = (senseFlags & PRE_MASK) != 0;
    String flags = comparison((int) senseFlags & (LESS | GREATER | EQUAL));
    if (evr == null || evr.isEmpty()) {
      return new RpmDependency(name, flags, null, null, null, pre);
    }
    String epoch = "0";
    String rest = evr;
    int colon = evr.indexOf(':');
    if (colon >= 0) {
      epoch = evr.substring(0, colon);
      rest = evr.substring(colon + 1);
    }
    int dash = rest.lastIndexOf('-');
    String version = dash >= 0 ? rest.substring(0, dash) : rest;
    String release = dash >= 0 ? rest.substring(dash + 1) : null;
    return new RpmDependency(name, flags, epoch, version, release, pre);
  }

  private static String comparison(int sense) {
    return switch (sense) {
      case EQUAL -> "EQ";
      case LESS -> "LT";
      case GREATER -> "GT";
      case LESS | EQUAL -> "LE";
      case GREATER | EQUAL -> "GE";
      default -> null;
    };
  }
}
