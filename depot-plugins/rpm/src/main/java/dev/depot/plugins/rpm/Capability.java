package dev.depot.plugins.rpm;

/**
 * One provides or requires entry as primary.xml lists it, and rpm's rule for whether a provided one
 * meets a required one: same name, and version ranges that overlap (an entry without a version
 * covers every version).
 *
 * @param name what is provided or required: a package name, a virtual name or a file path
 * @param flags {@code EQ}, {@code LT}, {@code LE}, {@code GT}, {@code GE}, or null for any version
 * @param evr the version compared against, or null with no flags
 */
record Capability(String name, String flags, Evr evr) {
  private static final int LESS = 1;
  private static final int GREATER = 2;
  private static final int EQUAL = 4;

  /** Whether this provided capability meets {@code required}. */
  boolean meets(Capability required) {
    if (!name.equals(required.name)) {
      return false;
    }
    if (required.flags == null
        || flags == null
        || evr == null
        || evr.version() == null
        || required.evr == null
        || required.evr.version() == null) {
      return true;
    }
    int provided = sense(flags);
    int wanted = sense(required.flags);
    int order = Evr.compare(evr, required.evr);
    if (order < 0) {
      return (provided & GREATER) != 0 || (wanted & LESS) != 0;
    }
    if (order > 0) {
      return (provided & LESS) != 0 || (wanted & GREATER) != 0;
    }
    return (provided & wanted) != 0;
  }

  /** Whether rpm itself answers this requirement (rpmlib features), not a package. */
  boolean isRpmInternal() {
    return name.startsWith("rpmlib(");
  }

  private static int sense(String flags) {
    return switch (flags) {
      case "EQ" -> EQUAL;
      case "LT" -> LESS;
      case "LE" -> LESS | EQUAL;
      case "GT" -> GREATER;
      case "GE" -> GREATER | EQUAL;
      default -> 0;
    };
  }
}
