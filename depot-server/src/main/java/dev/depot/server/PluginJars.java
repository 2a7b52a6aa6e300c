package dev.depot.server;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where plugins are found: the class path, plus jars an administrator drops in a folder. */
final class PluginJars {
  private PluginJars() {}

  /**
   * Plugins on the class path, plus jars dropped in {@code <data-dir>/plugins/}. Both are found by
   * the same ServiceLoader lookup.
   */
  static ClassLoader classLoader(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("plugins");
    ClassLoader parent = Depot.class.getClassLoader();
    if (!Files.isDirectory(dir)) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(toUrl(jar));
      }
    }
    return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
  }

  private static URL toUrl(Path jar) {
    try {
      return URI.create(jar.toUri().toString()).toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad plugin jar path " + jar, e);
    }
  }
}
