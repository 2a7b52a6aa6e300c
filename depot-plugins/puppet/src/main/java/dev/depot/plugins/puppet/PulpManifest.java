package dev.depot.plugins.puppet;

import dev.depot.publish.feed.FeedSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
   * The most bytes a feed's manifest may have, bounding its download: about a million lines, as
   * many releases as a Forge listing may name ({@link ForgeReleases#MAX_RELEASES}).
   */
  static final long MAX_SIZE = 128L << 20;

  /**
   * The tarballs the manifest lists, at most {@link ForgeReleases#MAX_RELEASES}.
   *
   * @param directory where the names resolve
   * @throws IOException naming the first line that is not {@code <name>,<sha256>,<size>}
   */
  static List<RemoteModule> read(Path manifest, URI directory) throws IOException {
    return read(manifest, directory, ForgeReleases.MAX_RELEASES);
  }

  /**
   * The tarballs the manifest lists; a manifest listing more than {@code maxModules} is refused, as
   * each one listed is held until the sync has fetched it.
   */
  static List<RemoteModule> read(Path manifest, URI directory, int maxModules) throws IOException {
    List<RemoteModule> modules = new ArrayList<>();
    try (BufferedReader lines = Files.newBufferedReader(manifest, StandardCharsets.UTF_8)) {
      int number = 0;
      for (String read = lines.readLine(); read != null; read = lines.readLine()) {
        number++;
        String line = read.strip();
        if (line.isEmpty()) {
          continue;
        }
        if (modules.size() == maxModules) {
          throw new IOException(
              ModuleFeed.MANIFEST + " lists more than " + maxModules + " modules; refused");
        }
        modules.add(module(line, number, directory));
      }
    }
    return modules;
  }

  private static RemoteModule module(String line, int number, URI directory) throws IOException {
    String[] fields = line.split(",");
    if (fields.length != 3
        || !isPlainName(fields[0])
        || !SHA256.matcher(fields[1]).matches()
        || !fields[2].matches("\\d{1,18}")) {
      throw new IOException(
          ModuleFeed.MANIFEST + " line " + number + " is not '<file name>,<sha256>,<size>'");
    }
    return new RemoteModule(
        null,
        fields[0],
        FeedSettings.fileUrl(directory, fields[0]),
        Long.parseLong(fields[2]),
        fields[1].toLowerCase(java.util.Locale.ROOT),
        null);
  }

  private static boolean isPlainName(String name) {
    return !name.isEmpty()
        && !name.startsWith(".")
        && !name.contains("/")
        && !name.contains("\\")
        && name.indexOf('\0') < 0;
  }
}
