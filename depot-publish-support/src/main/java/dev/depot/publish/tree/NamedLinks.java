package dev.depot.publish.tree;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Brings the links of a {@link TreePublisher.Build} in line with the units named in a publish,
 * touching only what changed since the tree it took over: a link to the same file stays as it is, a
 * changed one is relinked, a new one linked, and {@link #close} removes the ones no unit named
 * again. It keeps {@code name, target} per link in the build's index for the next publish.
 *
 * <p>The taken-over index is read into memory whole: for types whose repositories hold thousands of
 * units, not millions (those stream an index in unit order, as the file plugin does).
 */
public final class NamedLinks implements AutoCloseable {
  private final TreePublisher.Build build;
  private final Map<String, Path> had = new HashMap<>();
  private final BufferedWriter index;

  /** Reads the index of the tree {@code build} took over, if any. */
  public NamedLinks(TreePublisher.Build build) throws IOException {
    this.build = build;
    if (build.previousIndex().isPresent()) {
      for (String line : Files.readAllLines(build.previousIndex().get())) {
        String[] fields = line.split("\t", 2);
        had.put(fields[0], Path.of(fields[1]));
      }
    }
    index = Files.newBufferedWriter(build.indexFile(), StandardCharsets.UTF_8);
  }

  /** Makes {@code name} (a relative path in the tree) a link to {@code target}. */
  public void link(String name, Path target) throws IOException {
    Path before = had.remove(name);
    if (before == null) {
      build.link(name, target);
    } else if (!before.equals(target)) {
      build.relink(name, target); // a new version under the same name
    }
    index.write(name + "\t" + target + "\n");
  }

  /** Removes the links no unit named in this publish, and writes the index out. */
  @Override
  public void close() throws IOException {
    try (index) {
      for (Map.Entry<String, Path> gone : had.entrySet()) {
        build.unlink(gone.getKey(), gone.getValue());
      }
      had.clear();
    }
  }
}
