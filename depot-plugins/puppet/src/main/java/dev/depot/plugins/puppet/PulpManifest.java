package dev.depot.plugins.puppet;

import dev.depot.publish.feed.FeedSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads a {@code PULP_MANIFEST} of module tarballs, Pulp's format: one {@code <file
 * name>,<sha256>,<size>} line per tarball, names relative to the manifest's directory. A name must
 * be a plain file name: a manifest cannot send a sync to another directory.
 */
final class PulpManifest {
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private PulpManifest() {}

  /**
   * The tarballs the manifest lists.
   *
   * @param directory where the names resolve
   * @throws IOException naming the first line that is not {@code <name>,<sha256>,<size>}
   */
  static List<RemoteModule> read(Path manifest, URI directory) throws IOException {
    List<RemoteModule> modules = new ArrayList<>();
    List<String> lines = Files.readAllLines(manifest);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] fields = line.split(",");
      if (fields.length != 3
          || !isPlainName(fields[0])
          || !SHA256.matcher(fields[1]).matches()
          || !fields[2].matches("\\d{1,18}")) {
        throw new IOException(
            ModuleFeed.MANIFEST + " line " + (i + 1) + " is not '<file name>,<sha256>,<size>'");
      }
      modules.add(
          new RemoteModule(
              null,
              fields[0],
              FeedSettings.fileUrl(directory, fields[0]),
              Long.parseLong(fields[2]),
              fields[1].toLowerCase(java.util.Locale.ROOT),
              null));
    }
    return modules;
  }

  private static boolean isPlainName(String name) {
    return !name.isEmpty()
        && !name.startsWith(".")
        && !name.contains("/")
        && !name.contains("\\")
        && name.indexOf('\0') < 0;
  }
}
