package dev.depot.publish.iso;

import java.io.IOException;

/**
 * Turns identifiers read from an image into path names, and refuses names that could make a path
 * escape the directory it is extracted to or mean something else than it says.
 */
final class IsoNameRules {
  private IsoNameRules() {}

  /**
   * A primary or Joliet identifier without what ISO 9660 adds to file names: the {@code ;1} version
   * number and the dot of a name without extension ({@code README.;1}).
   */
  static String plain(String id, DirectoryRecord record) {
    if (record.isDirectory()) {
      return id;
    }
    String name = id;
    int semicolon = name.lastIndexOf(';');
    if (semicolon >= 0 && isDigits(name, semicolon + 1)) {
      name = name.substring(0, semicolon);
    }
    if (name.endsWith(".") && name.length() > 1) {
      name = name.substring(0, name.length() - 1);
    }
    return name;
  }

  /**
   * Refuses a name that is empty, {@code .} or {@code ..}, or holds {@code /} or NUL.
   *
   * @throws IOException naming the directory the name was found in
   */
  static void check(String name, String where) throws IOException {
    if (name.isEmpty() || name.equals(".") || name.equals("..")) {
      throw new IOException("unsafe name '" + name + "' in " + where);
    }
    if (name.indexOf('/') >= 0 || name.indexOf('\0') >= 0) {
      throw new IOException(
          "unsafe name '" + name.replace("\0", "\\0") + "' (holds '/' or NUL) in " + where);
    }
  }

  private static boolean isDigits(String s, int from) {
    if (from >= s.length()) {
      return false;
    }
    for (int i = from; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
