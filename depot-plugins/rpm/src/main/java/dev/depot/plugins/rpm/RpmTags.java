package dev.depot.plugins.rpm;

/** The header tags Depot reads, numbered as in rpm's {@code rpmtag.h}. */
public final class RpmTags {
  private RpmTags() {}

  // Signature header
  static final int SIG_SIZE = 1000; // header plus compressed payload
  static final int SIG_PAYLOADSIZE = 1007; // uncompressed payload (the archive)
  static final int SIG_SHA256 = 273; // hex SHA-256 of the main header
  static final int SIG_LONGSIZE = 270;
  static final int SIG_LONGARCHIVESIZE = 271;

  // Main header
  static final int NAME = 1000;
  static final int VERSION = 1001;
  static final int RELEASE = 1002;
  static final int EPOCH = 1003;
  static final int SUMMARY = 1004;
  static final int DESCRIPTION = 1005;
  static final int BUILDTIME = 1006;
  static final int BUILDHOST = 1007;
  static final int SIZE = 1009;
  static final int VENDOR = 1011;
  static final int LICENSE = 1014;
  static final int PACKAGER = 1015;
  static final int GROUP = 1016;
  static final int URL = 1020;
  static final int ARCH = 1022;
  static final int FILEMODES = 1030;
  static final int FILEFLAGS = 1037;
  static final int SOURCERPM = 1044;
  static final int ARCHIVESIZE = 1046;
  static final int CHANGELOGTIME = 1080;
  static final int CHANGELOGNAME = 1081;
  static final int CHANGELOGTEXT = 1082;
  static final int DIRINDEXES = 1116;
  static final int BASENAMES = 1117;
  static final int DIRNAMES = 1118;
  static final int LONGSIZE = 5009;
  static final int PAYLOADDIGEST = 5092;
  static final int PAYLOADDIGESTALGO = 5093;

  /**
   * A kind of dependency, with its name, flags and version tags; in the order createrepo_c lists
   * the kinds in primary.xml.
   */
  public enum Dependency {
    /** What the package offers. */
    PROVIDES(1047, 1112, 1113),
    /** What must be installed with it. */
    REQUIRES(1049, 1048, 1050),
    /** What must not be installed with it. */
    CONFLICTS(1054, 1053, 1055),
    /** What it replaces. */
    OBSOLETES(1090, 1114, 1115),
    /** What may be installed with it (weaker than recommends). */
    SUGGESTS(5049, 5051, 5050),
    /** What it adds to (weak, reverse). */
    ENHANCES(5055, 5057, 5056),
    /** What should be installed with it (weak). */
    RECOMMENDS(5046, 5048, 5047),
    /** What it should be installed with (weak, reverse). */
    SUPPLEMENTS(5052, 5054, 5053);

    final int names;
    final int flags;
    final int versions;

    Dependency(int names, int flags, int versions) {
      this.names = names;
      this.flags = flags;
      this.versions = versions;
    }
  }
}
