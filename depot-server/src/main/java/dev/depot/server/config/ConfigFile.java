package dev.depot.server.config;

import dev.depot.publish.config.NearestName;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads the server's properties file. A key the server does not know is refused, naming the file,
 * its line and the key meant when one is close: ignored, a typo ({@code databse-url}) would leave
 * the default in force with nothing said. Values are trimmed, since {@link Properties} keeps the
 * trailing spaces an editor leaves and {@code port=8080 } would otherwise not be a number.
 */
final class ConfigFile {
  private ConfigFile() {}

  /**
   * The file's settings, keyed as written.
   *
   * @throws IllegalArgumentException when the file cannot be read or holds an unknown key
   */
  static Map<String, String> read(Path file, Set<String> known) {
    List<String> lines;
    Properties properties = new Properties();
    try {
      lines = Files.readAllLines(file);
      properties.load(new StringReader(String.join("\n", lines)));
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException("cannot read config file " + file + ": " + e, e);
    }
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(known);
    if (!unknown.isEmpty()) {
      String key = firstInFile(unknown, lines);
      throw new IllegalArgumentException(
          "config file " + file + lineOf(key, lines) + ": unknown key " + key + hint(key, known));
    }
    Map<String, String> settings = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      settings.put(key, properties.getProperty(key).strip());
    }
    return settings;
  }

  /** The unknown key set on the top-most line, so the user starts there. */
  private static String firstInFile(Set<String> unknown, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      for (String key : keysOn(lines, i)) {
        if (unknown.contains(key)) {
          return key;
        }
      }
    }
    return unknown.iterator().next();
  }

  /** " line N", the first line setting the key, or nothing if no single line does. */
  private static String lineOf(String key, List<String> lines) {
    for (int i = 0; i < lines.size(); i++) {
      if (keysOn(lines, i).contains(key)) {
        return " line " + (i + 1);
      }
    }
    return "";
  }

  private static String hint(String key, Set<String> known) {
    Set<String> sorted = new TreeSet<>(known);
    return NearestName.of(key, sorted)
        .map(near -> "; did you mean " + near + "?")
        .orElse("; known keys: " + String.join(", ", sorted));
  }

  /**
   * The key a line sets, read as {@link Properties} reads it (escapes, {@code :} and blanks as
   * separators, comments); none for a line that continues the one before it.
   */
  private static Set<String> keysOn(List<String> lines, int index) {
    if (index > 0 && continues(lines.get(index - 1))) {
      return Set.of();
    }
    Properties one = new Properties();
    try {
      one.load(new StringReader(lines.get(index)));
    } catch (IOException | IllegalArgumentException e) {
      return Set.of();
    }
    return one.stringPropertyNames();
  }

  /**
   * Whether the next line belongs to this one: it ends in an odd number of backslashes and is not a
   * comment.
   */
  private static boolean continues(String line) {
    String start = line.stripLeading();
    if (start.startsWith("#") || start.startsWith("!")) {
      return false;
    }
    int backslashes = 0;
    for (int i = line.length() - 1; i >= 0 && line.charAt(i) == '\\'; i--) {
      backslashes++;
    }
    return backslashes % 2 == 1;
  }
}
