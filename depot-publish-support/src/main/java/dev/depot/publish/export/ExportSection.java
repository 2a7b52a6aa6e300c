package dev.depot.publish.export;

import dev.depot.plugin.UnitSource;
import dev.depot.publish.tree.TreePaths;
import java.nio.file.Path;

/**
 * One repository's part of an export: its units, laid out with their own metadata files under
 * {@code directory} of the export ({@code ""} for the export's root, as a single repository export
 * does; the repository id for a group export).
 *
 * @param directory where the repository's files and metadata go, relative to the export's root
 * @param units the repository's units
 */
record ExportSection(String directory, UnitSource units) {
  /** The path in the export of a file of this section. */
  String path(String name) {
    return directory.isEmpty() ? name : directory + "/" + name;
  }

  /** This section's directory below {@code root}, checked to stay inside it. */
  Path dirIn(Path root) {
    return directory.isEmpty() ? root : TreePaths.resolveInside(root, directory);
  }
}
