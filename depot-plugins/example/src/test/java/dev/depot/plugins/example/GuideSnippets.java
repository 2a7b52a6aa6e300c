package dev.depot.plugins.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps docs/plugin-guide.md's code in step with the example plugin, as JDBI's docs do: a region of
 * a source between {@code // tag::name[]} and {@code // end::name[]} is quoted in the guide as a
 * fenced block right after {@code <!-- snippet: name -->}. Pure text in, problems out, so its own
 * tests can feed it broken guides.
 */
final class GuideSnippets {
  private static final Pattern TAG = Pattern.compile("^\\s*// tag::([\\w-]+)\\[]\\s*$");
  private static final Pattern END = Pattern.compile("^\\s*// end::([\\w-]+)\\[]\\s*$");
  private static final Pattern SNIPPET = Pattern.compile("^<!-- snippet: ([\\w-]+) -->\\s*$");

  private GuideSnippets() {}

  /** The tagged regions of every Java source under the given roots, by tag name. */
  static Map<String, String> regions(List<Path> roots) {
    Map<String, String> regions = new LinkedHashMap<>();
    for (Path root : roots) {
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          regions(Files.readString(file), file.getFileName().toString(), regions);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return regions;
  }

  /** Adds the regions of one source; a tag opened twice or never closed is an error. */
  static void regions(String source, String fileName, Map<String, String> into) {
    List<String> lines = source.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher tag = TAG.matcher(lines.get(i));
      if (!tag.matches()) {
        continue;
      }
      String name = tag.group(1);
      int end = i + 1;
      while (end < lines.size() && !isEnd(lines.get(end), name)) {
        end++;
      }
      if (end == lines.size()) {
        throw new IllegalStateException(fileName + ": tag::" + name + "[] has no end::" + name);
      }
      if (into.put(name, dedent(lines.subList(i + 1, end))) != null) {
        throw new IllegalStateException(fileName + ": tag " + name + " is defined twice");
      }
    }
  }

  private static boolean isEnd(String line, String name) {
    Matcher end = END.matcher(line);
    return end.matches() && end.group(1).equals(name);
  }

  /** The lines without their common indentation, without marker or blank lines at the ends. */
  static String dedent(List<String> lines) {
    List<String> kept =
        new ArrayList<>(lines.stream().filter(l -> !TAG.matcher(l).matches()).toList());
    kept.removeIf(l -> END.matcher(l).matches());
    while (!kept.isEmpty() && kept.getFirst().isBlank()) {
      kept.removeFirst();
    }
    while (!kept.isEmpty() && kept.getLast().isBlank()) {
      kept.removeLast();
    }
    int indent =
        kept.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return String.join(
        "\n", kept.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
  }

  /**
   * What is wrong between the guide and the regions, each with its fix; empty when they agree.
   * Every snippet must name a region and quote it exactly; every region must be quoted.
   */
  static List<String> problems(String guide, Map<String, String> regions) {
    List<String> problems = new ArrayList<>();
    Map<String, String> quoted = snippets(guide, problems);
    quoted.forEach(
        (name, block) -> {
          String region = regions.get(name);
          if (region == null) {
            problems.add(
                "the guide quotes snippet '"
                    + name
                    + "', which no source of depot-plugins/example tags; tags are "
                    + regions.keySet()
                    + ". Fix: tag the code with // tag::"
                    + name
                    + "[] ... // end::"
                    + name
                    + "[] or name an existing tag.");
          } else if (!region.equals(block)) {
            problems.add(
                "snippet '"
                    + name
                    + "' differs from its tagged code. Fix: replace the block after <!-- snippet: "
                    + name
                    + " --> with\n```java\n"
                    + region
                    + "\n```\n(or run the test with -Ddepot.guide.fix=true)");
          }
        });
    regions.keySet().stream()
        .filter(name -> !quoted.containsKey(name))
        .forEach(
            name ->
                problems.add(
                    "tag '"
                        + name
                        + "' is quoted nowhere in the guide. Fix: add <!-- snippet: "
                        + name
                        + " --> and a ```java block, or remove the tag."));
    return problems;
  }

  /** The guide with every quoted snippet replaced by its region's current text. */
  static String fixed(String guide, Map<String, String> regions) {
    List<String> lines = new ArrayList<>(guide.lines().toList());
    for (int i = 0; i < lines.size(); i++) {
      Matcher snippet = SNIPPET.matcher(lines.get(i));
      if (!snippet.matches() || !regions.containsKey(snippet.group(1))) {
        continue;
      }
      int open = i + 1;
      int close = open + 1;
      while (close < lines.size() && !lines.get(close).equals("```")) {
        close++;
      }
      if (open >= lines.size() || !lines.get(open).equals("```java") || close == lines.size()) {
        continue;
      }
      lines.subList(open + 1, close).clear();
      lines.addAll(open + 1, regions.get(snippet.group(1)).lines().toList());
    }
    return String.join("\n", lines) + "\n";
  }

  /** The guide's snippets by name; a marker not followed by a ```java block is a problem. */
  private static Map<String, String> snippets(String guide, List<String> problems) {
    Map<String, String> snippets = new LinkedHashMap<>();
    List<String> lines = guide.lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      Matcher snippet = SNIPPET.matcher(lines.get(i));
      if (!snippet.matches()) {
        continue;
      }
      String name = snippet.group(1);
      int close = i + 2;
      while (close < lines.size() && !lines.get(close).equals("```")) {
        close++;
      }
      if (i + 1 >= lines.size() || !lines.get(i + 1).equals("```java") || close == lines.size()) {
        problems.add(
            "<!-- snippet: " + name + " --> must be followed at once by a ```java ... ``` block");
        continue;
      }
      if (snippets.put(name, String.join("\n", lines.subList(i + 2, close))) != null) {
        problems.add("the guide quotes snippet '" + name + "' twice; quote each once");
      }
    }
    return snippets;
  }
}
