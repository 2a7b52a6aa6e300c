package dev.depot.plugins.example;

import dev.depot.plugin.Unit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of a {@code SHA256SUMS} file, the list a feed and a published tree carry: the format
 * {@code sha256sum} writes, so {@code sha256sum -c SHA256SUMS} checks a published tree.
 *
 * @param name the memo's file name: letters, digits, {@code .}, {@code _} and {@code -}, not
 *     starting with a dot (no paths: a feed cannot write outside its tree), and not the index's
 * @param sha256 lower-case hex SHA-256 of the memo's bytes
 */
record Memo(String name, String sha256) {
  /** The index file of feeds and published trees. */
  static final String INDEX = "SHA256SUMS";

  private static final Pattern LINE = Pattern.compile("([0-9a-f]{64}) [ *](.+)");
  private static final Pattern NAME =
      Pattern.compile("(?!SHA256SUMS$)[A-Za-z0-9_\\-][A-Za-z0-9._\\-]*");

  Memo {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a memo name: " + name);
    }
  }

  /** Whether a memo may have this name (so it names no path but a file of the tree). */
  static boolean isName(String name) {
    return NAME.matcher(name).matches();
  }

  /** The memo a unit of the {@code memo} type is. */
  static Memo of(Unit unit) {
    return new Memo((String) unit.unitKey().get("name"), (String) unit.unitKey().get("sha256"));
  }

  Map<String, Object> unitKey() {
    return Map.of("name", name, "sha256", sha256);
  }

  /** The memo's line in {@code SHA256SUMS}, without the line break. */
  String line() {
    return sha256 + "  " + name;
  }

  /**
   * Reads a whole list. A memos feed is small (one short line per memo), so it is read at once; a
   * type with feeds of millions of entries would stream them as the file plugin does.
   *
   * @throws IOException naming the first line that is not {@code <sha256> <name>}
   */
  static List<Memo> read(Path file) throws IOException {
    List<Memo> memos = new ArrayList<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = LINE.matcher(lines.get(i));
      if (lines.get(i).isBlank()) {
        continue;
      }
      if (!m.matches() || !NAME.matcher(m.group(2)).matches()) {
        throw new IOException(INDEX + " line " + (i + 1) + " is not '<sha256>  <name>'");
      }
      memos.add(new Memo(m.group(2), m.group(1)));
    }
    return memos;
  }
}
