package dev.depot.plugins.puppet;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a release's identity out of a tarball's file name, {@code <author>-<name>-<version>.tar.gz}
 * as the Forge and {@code puppet module build} name them: enough to skip a file a sync does not
 * want, or one it has already, before downloading it. The tarball's own {@code metadata.json} stays
 * the authority once it is read.
 */
final class ModuleFileName {
  private static final Pattern NAME =
      Pattern.compile("([A-Za-z0-9]+)-([a-z][a-z0-9_]*)-([0-9][0-9A-Za-z.+-]*)\\.tar\\.gz");

  private ModuleFileName() {}

  /** The release the file name names, or null when it is not such a name. */
  static ModuleId parse(String fileName) {
    Matcher m = NAME.matcher(fileName);
    if (!m.matches()) {
      return null;
    }
    try {
      return new ModuleId(m.group(1), m.group(2), m.group(3));
    } catch (IllegalArgumentException e) {
      return null; // a version that is not semantic: no identity to trust
    }
  }
}
