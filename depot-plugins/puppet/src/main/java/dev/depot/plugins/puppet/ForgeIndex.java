package dev.depot.plugins.puppet;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The published tree's list of modules with their number of releases, {@code
 * forge/v3/releases.index}, one {@code <author>-<name> <count>} line per module in publish order:
 * what lets a listing of the whole repository (or an owner's part) be paged by release, with its
 * {@code total}, while reading only the pages of the modules whose releases it answers. A tree
 * published before the index existed is counted from its pages' {@code pagination.total}.
 */
final class ForgeIndex {
  static final String PATH = "forge/v3/releases.index";

  /** Of one module's page, the releases {@code from} (inclusive) to {@code to} (exclusive). */
  record Slice(String slug, int from, int to) {}

  /** The releases a listing answers and the number of releases it pages through. */
  record Window(long total, List<Slice> slices) {}

  /** The modules a listing of modules answers and the number of modules it pages through. */
  record Found(long total, List<String> slugs) {}

  private ForgeIndex() {}

  /** One index line: a module and how many releases its page lists. */
  static void writeLine(OutputStream out, String slug, int releases) throws IOException {
    out.write((slug + " " + releases + "\n").getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The releases {@code offset} to {@code offset + limit} of the repository's modules (of {@code
   * owner}'s, without case, when not null), as slices of their pages, and how many releases there
   * are in all.
   */
  static Window window(Path tree, String owner, long offset, int limit) throws IOException {
    long[] total = {0};
    List<Slice> slices = new ArrayList<>();
    Consumer<String> entry =
        line -> {
          int space = line.lastIndexOf(' ');
          String slug = line.substring(0, space);
          if (owner != null && !ownedBy(slug, owner)) {
            return;
          }
          long start = total[0];
          int count = Integer.parseInt(line.substring(space + 1));
          total[0] += count;
          if (start + count > offset && start < offset + limit) {
            int from = (int) Math.max(0, offset - start);
            int to = (int) Math.min(count, offset + limit - start);
            slices.add(new Slice(slug, from, to));
          }
        };
    eachLine(tree, entry);
    return new Window(total[0], slices);
  }

  /**
   * The modules {@code offset} to {@code offset + limit} of those {@code wanted} keeps (by slug),
   * in publish order, and how many it keeps in all: read line by line, so a search of a repository
   * of thousands of modules holds only the slugs it answers.
   */
  static Found modules(Path tree, Predicate<String> wanted, long offset, int limit)
      throws IOException {
    long[] total = {0};
    List<String> slugs = new ArrayList<>();
    eachLine(
        tree,
        line -> {
          String slug = line.substring(0, line.lastIndexOf(' '));
          if (wanted.test(slug) && total[0]++ >= offset && slugs.size() < limit) {
            slugs.add(slug);
          }
        });
    return new Found(total[0], slugs);
  }

  /** Hands each line of the tree's index (counted from its pages when it has none) to entry. */
  private static void eachLine(Path tree, Consumer<String> entry) throws IOException {
    Path index = tree.resolve(PATH);
    try {
      if (Files.isRegularFile(index)) {
        try (BufferedReader reader = Files.newBufferedReader(index, StandardCharsets.UTF_8)) {
          reader.lines().filter(l -> !l.isEmpty()).forEach(entry);
        }
      } else {
        for (String line : countPages(tree)) {
          entry.accept(line);
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /**
   * Whether the module {@code <author>-<name>} is {@code owner}'s: without case, as the Forge
   * compares user names.
   */
  static boolean ownedBy(String slug, String owner) {
    int dash = slug.indexOf('-');
    return dash == owner.length() && slug.regionMatches(true, 0, owner, 0, dash);
  }

  /** The index lines of a tree published without one, from its pages' counts. */
  private static List<String> countPages(Path tree) throws IOException {
    Path dir = tree.resolve(ForgeJson.releasesPath("x")).getParent();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path page : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        String name = page.getFileName().toString();
        lines.add(name.substring(0, name.length() - ".json".length()) + " " + total(page));
      }
    }
    return lines;
  }

  /** A page's {@code pagination.total}, which a publish writes before its releases. */
  private static int total(Path page) throws IOException {
    try (JsonParser json = ModuleRelease.JSON.createParser(page.toFile())) {
      int depth = 0;
      boolean inPagination = false;
      for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
          depth++;
        } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
          depth--;
        } else if (token == JsonToken.FIELD_NAME && depth == 1) {
          inPagination = json.currentName().equals("pagination");
        } else if (token == JsonToken.FIELD_NAME && depth == 2 && inPagination) {
          if (json.currentName().equals("total") && json.nextToken().isNumeric()) {
            return json.getIntValue();
          }
        }
      }
    }
    throw new IOException(page.getFileName() + " has no pagination.total: publish it again");
  }
}
