package dev.depot.dist.boundary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The repository's source folders, found from wherever the tests run (a module or the root). */
final class SourceTree {
  private SourceTree() {}

  /** The checkout's root: the first folder up from here that holds {@code depot-server}. */
  static Path root() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("depot-server/src/main/java"))) {
        return d;
      }
    }
    throw new IllegalStateException("no depot-server sources above " + dir);
  }

  /** depot-server's main sources. */
  static Path serverMain() {
    return root().resolve("depot-server/src/main/java");
  }

  /** Every {@code .java} file under {@code dir}, sorted. */
  static List<Path> javaFiles(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
