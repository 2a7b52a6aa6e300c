package dev.depot.plugins.puppet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The releases pages of a published tree by their names without case, so that a module asked for in
 * another case than its author's is found without listing the directory per request: a client
 * asking for modules the repository lacks (any anonymous one may) would otherwise make each answer
 * read every page name of a repository of thousands. Kept for the few trees served last, each under
 * its real path and its directory's modification time: a publish that takes over an older tree
 * changes that directory's entries, and so its time, before the tree is served again.
 */
final class PageSpellings {
  private static final int TREES = 8;

  private record Listed(Path dir, FileTime modified) {}

  private static final Map<Listed, Map<String, String>> KNOWN =
      Collections.synchronizedMap(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Listed, Map<String, String>> eldest) {
              return size() > TREES;
            }
          });

  private PageSpellings() {}

  /**
   * The page in {@code dir} named {@code wanted} but for case, the first by name when several are;
   * null when none is.
   */
  static Path find(Path dir, String wanted) throws IOException {
    Path real = dir.toRealPath();
    Listed listed = new Listed(real, Files.getLastModifiedTime(real));
    Map<String, String> names = KNOWN.get(listed);
    if (names == null) {
      names = read(real);
      KNOWN.put(listed, names);
    }
    String name = names.get(wanted.toLowerCase(Locale.ROOT));
    return name == null ? null : dir.resolve(name);
  }

  private static Map<String, String> read(Path dir) throws IOException {
    List<String> sorted;
    try (Stream<Path> pages = Files.list(dir)) {
      sorted = pages.map(p -> p.getFileName().toString()).sorted().toList();
    }
    Map<String, String> names = new HashMap<>();
    for (String name : sorted) {
      names.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
    }
    return names;
  }
}
