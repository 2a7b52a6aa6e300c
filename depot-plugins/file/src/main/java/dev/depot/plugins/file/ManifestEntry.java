package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import dev.depot.publish.tree.TreePaths;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One line of a {@code PULP_MANIFEST}: {@code name,checksum,size}, the {@code iso} unit key.
 *
 * @param name the file's path relative to the feed (and to the published repository)
 * @param checksum its SHA-256, lower-case hex
 * @param size its size in bytes
 */
record ManifestEntry(String name, String checksum, long size) {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  /**
   * Parses one manifest line.
   *
   * @throws IllegalArgumentException saying what is wrong with it
   */
  static ManifestEntry parse(String line) {
    String[] fields = line.split(",", -1);
    if (fields.length != 3) {
      throw new IllegalArgumentException(
          "expected name,checksum,size but found " + fields.length + " fields");
    }
    return of(fields[0], fields[1].trim(), fields[2].trim());
  }

  /** An entry from its three fields as text, checked as {@link #parse} does. */
  static ManifestEntry of(String name, String checksum, String size) {
    checkName(name);
    String sha = checksum.toLowerCase(java.util.Locale.ROOT);
    if (!SHA256.matcher(sha).matches()) {
      throw new IllegalArgumentException("checksum must be a SHA-256 in hex: " + checksum);
    }
    long bytes;
    try {
      bytes = Long.parseLong(size);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("size must be a whole number of bytes: " + size);
    }
    if (bytes < 0) {
      throw new IllegalArgumentException("size must not be negative: " + size);
    }
    return new ManifestEntry(name, sha, bytes);
  }

  /** Refuses names that could escape the repository's directory once published. */
  static void checkName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c == 0x7f || c == ',') {
        // A comma or a control character would break the manifest's one-line CSV entries.
        throw new IllegalArgumentException(
            "file name "
                + name.replaceAll("\\p{Cntrl}", "?")
                + " holds a comma or control character");
      }
    }
    if (name.equals(IsoExportLayout.MANIFEST)) {
      // Every publish writes the repository's own manifest there.
      throw new IllegalArgumentException(
          "file name " + name + " is the repository's manifest; give the file another name");
    }
    try {
      TreePaths.resolveInside(Path.of("/repository"), name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unsafe file name " + name + ": " + e.getMessage());
    }
  }

  /** The entry of a stored unit. */
  static ManifestEntry of(Unit unit) {
    Map<String, Object> key = unit.unitKey();
    return new ManifestEntry(
        String.valueOf(key.get("name")),
        String.valueOf(key.get("checksum")),
        ((Number) key.get("size")).longValue());
  }

  /** The {@code iso} unit key. */
  Map<String, Object> unitKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("name", name);
    key.put("checksum", checksum);
    key.put("size", size);
    return key;
  }

  /** The last segment of the name: the unit's file name in the content store. */
  String fileName() {
    return name.substring(name.lastIndexOf('/') + 1);
  }

  /** The manifest line, without its newline. */
  String line() {
    return name + "," + checksum + "," + size;
  }
}
