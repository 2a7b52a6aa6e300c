package dev.depot.plugins.rpm;

/** The header tags Depot reads, numbered as in rpm's {@code rpmtag.h}. */
final class RpmTags {
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
  static final int LONGARCHIVESIZE = 271;

  /** A kind of dependency: its name, flags and version tags. */
  enum Dependency {
    PROVIDES(1047, 1112, 1113),
    REQUIRES(1049, 1048, 1050),
    CONFLICTS(1054, 1053, 1055),
    OBSOLETES(1090, 1114, 1115),
    SUGGESTS(5049, 5051, 5050),
    ENHANCES(5055, 5057, 5056),
    RECOMMENDS(5046, 5048, 5047),
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
