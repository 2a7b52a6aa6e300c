package dev.depot.plugins.file;

import dev.depot.plugin.UnitSource;

/**
 * One repository's part of an export: its units, laid out with their own {@code PULP_MANIFEST}
 * under {@code directory} of the export ({@code ""} for the export's root, as a single repository
 * export does; the repository id for a group export).
 *
 * @param directory where the repository's files and manifest go, relative to the export's root
 * @param units the repository's units
 */
record ExportSection(String directory, UnitSource units) {
  /** The path in the export of a file of this section. */
  String path(String name) {
    return directory.isEmpty() ? name : directory + "/" + name;
  }
}
