package dev.depot.plugins.rpm;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A repository's modules.yaml read as its documents: each {@code modulemd} (a module stream build)
 * and {@code modulemd-defaults} document is kept as the text it is, so a publish writes exactly
 * what was synced, and only what identifies it is read: the {@code data:} mapping's top-level
 * scalars ({@code name}, {@code stream}, {@code version}, {@code context}, {@code arch}; {@code
 * module}, {@code stream} of defaults) and the {@code artifacts: rpms:} list. Other document kinds
 * (translations, obsoletes) are skipped.
 */
final class ModulesYaml {
  /** The longest line read: a modulemd's lines are short; a feed's endless one is refused. */
  static final int MAX_LINE = 1 << 20;

  /** The most characters one document holds: the largest real ones are a few megabytes. */
  static final long MAX_DOCUMENT = 64L << 20;

  private ModulesYaml() {}

  /**
   * One document.
   *
   * @param kind {@code modulemd} or {@code modulemd-defaults}
   * @param fields the top-level scalars of its {@code data} mapping
   * @param artifacts the NEVRAs of its {@code artifacts: rpms:} list
   * @param text the document as written, from its {@code ---} line to its end marker
   */
  record Document(String kind, Map<String, String> fields, List<String> artifacts, String text) {}

  /** Hands each modulemd and modulemd-defaults document to {@code each}, in file order. */
  static void forEach(InputStream in, Consumer<Document> each) throws IOException {
    forEach(in, each, kind -> {});
  }

  /**
   * Hands each modulemd and modulemd-defaults document to {@code each}, in file order, and the kind
   * of each other document (modulemd-obsoletes, modulemd-translations...) to {@code skipped}.
   */
  static void forEach(InputStream in, Consumer<Document> each, Consumer<String> skipped)
      throws IOException {
    BufferedReader lines =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    List<String> current = new ArrayList<>();
    long length = 0;
    for (String line = readLine(lines); line != null; line = readLine(lines)) {
      if (line.equals("---") && !current.isEmpty()) {
        emit(current, each, skipped);
        current = new ArrayList<>();
        length = 0;
      }
      current.add(line);
      length += line.length() + 1;
      if (length > MAX_DOCUMENT) {
        throw new IOException(
            "modules.yaml holds a document longer than " + MAX_DOCUMENT + " characters: refused");
      }
      if (line.equals("...")) {
        emit(current, each, skipped);
        current = new ArrayList<>();
        length = 0;
      }
    }
    emit(current, each, skipped);
  }

  /** The next line without its end ({@code \n}, {@code \r\n}), or null at the end. */
  private static String readLine(BufferedReader in) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c = in.read(); c >= 0; c = in.read()) {
      if (c == '\n') {
        return trimCr(line);
      }
      if (line.length() >= MAX_LINE) {
        throw new IOException(
            "modules.yaml has a line longer than " + MAX_LINE + " characters: refused");
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : trimCr(line);
  }

  private static String trimCr(StringBuilder line) {
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  private static void emit(List<String> lines, Consumer<Document> each, Consumer<String> skipped)
      throws IOException {
    String kind = null;
    Map<String, String> fields = new LinkedHashMap<>();
    List<String> artifacts = new ArrayList<>();
    boolean inData = false;
    boolean inRpms = false;
    for (String line : lines) {
      if (line.startsWith("document:")) {
        kind = scalar(line.substring("document:".length()));
      } else if (line.startsWith("data:")) {
        inData = true;
      } else if (!line.startsWith(" ") && !line.isBlank()) {
        inData = false;
      } else if (inData && line.matches("  [a-z_]+:.*")) {
        int colon = line.indexOf(':');
        String value = line.substring(colon + 1).trim();
        if (!value.isEmpty()) {
          fields.put(line.substring(2, colon), scalar(value));
        }
        inRpms = false;
      } else if (inData && line.matches("    rpms:\\s*\\[.*]\\s*")) {
        // A flow list on one line, as some generators write a short one: rpms: [a, b]
        String items = line.substring(line.indexOf('[') + 1, line.lastIndexOf(']'));
        for (String item : items.split(",")) {
          if (!item.isBlank()) {
            artifacts.add(scalar(item.trim()));
          }
        }
        inRpms = false;
      } else if (inData && line.matches("    rpms:\\s*")) {
        inRpms = true;
      } else if (inRpms && line.matches(" {4,6}- .*")) {
        artifacts.add(scalar(line.substring(line.indexOf("- ") + 2)));
      } else if (inRpms && line.matches("    \\S.*")) {
        inRpms = false;
      }
    }
    if (kind == null) {
      if (lines.stream().anyMatch(l -> !l.isBlank() && !l.equals("---") && !l.equals("..."))) {
        throw new IOException("modules.yaml holds a document without 'document:'");
      }
      return;
    }
    if (kind.equals("modulemd") || kind.equals("modulemd-defaults")) {
      List<String> text = new ArrayList<>(lines);
      if (text.isEmpty() || !text.get(0).equals("---")) {
        text.add(0, "---");
      }
      if (!text.get(text.size() - 1).equals("...")) {
        text.add("...");
      }
      each.accept(new Document(kind, fields, artifacts, String.join("\n", text) + "\n"));
    } else {
      skipped.accept(kind);
    }
  }

  private static String scalar(String raw) {
    String v = raw.trim();
    int comment = v.indexOf(" #");
    if (comment >= 0 && !v.startsWith("\"") && !v.startsWith("'")) {
      v = v.substring(0, comment).trim();
    }
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    return v;
  }
}
