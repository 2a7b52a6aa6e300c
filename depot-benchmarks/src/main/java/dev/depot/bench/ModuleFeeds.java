package dev.depot.bench;

import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/** Feeds of Puppet module tarballs for the puppet benchmarks: a directory with a PULP_MANIFEST. */
final class ModuleFeeds {
  private ModuleFeeds() {}

  /** Module {@code i}'s name, as {@code <author>-<name>} takes it. */
  static String name(int i) {
    return String.format(Locale.ROOT, "m%05d", i);
  }

  /** Module {@code i}'s tarball file name, version 1.0.0. */
  static String fileName(String author, int i) {
    return author + "-" + name(i) + "-1.0.0.tar.gz";
  }

  /**
   * Writes {@code count} small modules of {@code author} (about 600 bytes each, as TestModules
   * builds them) and the PULP_MANIFEST that lists them.
   */
  static Path write(Path dir, String author, int count) throws Exception {
    Files.createDirectories(dir);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    StringBuilder manifest = new StringBuilder();
    for (int i = 0; i < count; i++) {
      Path file = TestModules.module(dir, author, name(i), "1.0.0");
      byte[] bytes = Files.readAllBytes(file);
      manifest.append(file.getFileName()).append(',');
      manifest.append(HexFormat.of().formatHex(sha.digest(bytes))).append(',');
      manifest.append(bytes.length).append('\n');
    }
    Files.writeString(dir.resolve("PULP_MANIFEST"), manifest);
    return dir;
  }
}
