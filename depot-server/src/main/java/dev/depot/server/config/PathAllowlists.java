package dev.depot.server.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The operator's limits on local paths users name ({@code allowed-import-paths}, {@code
 * allowed-export-paths}, as Pulp 3's {@code ALLOWED_IMPORT_PATHS} and {@code
 * ALLOWED_EXPORT_PATHS}): {@code file://} feeds only below an import path, {@code export_dir} and
 * {@code install_path} only below an export path. Empty means anywhere outside Depot's data
 * directory and the system's directories.
 *
 * @param imports directories file feeds may lie below (absolute)
 * @param exports directories exports and installs may write below (absolute)
 */
public record PathAllowlists(List<Path> imports, List<Path> exports) {
  /** No limits beyond the data directory and the system's directories. */
  public static final PathAllowlists NONE = new PathAllowlists(List.of(), List.of());

  /** Copies the lists. */
  public PathAllowlists {
    imports = List.copyOf(imports);
    exports = List.copyOf(exports);
  }

  /**
   * Parses a comma-separated list of absolute directories.
   *
   * @throws IllegalArgumentException naming {@code key} for a relative entry
   */
  static List<Path> parse(String key, String text) {
    List<Path> paths = new ArrayList<>();
    if (text == null) {
      return paths;
    }
    for (String entry : text.split(",")) {
      if (entry.isBlank()) {
        continue;
      }
      Path path = Path.of(entry.strip());
      if (!path.isAbsolute()) {
        throw new IllegalArgumentException(key + " must list absolute directories, not " + entry);
      }
      paths.add(path.normalize());
    }
    return paths;
  }
}
