package dev.depot.publish.export;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitSource;
import dev.depot.publish.tree.TreePaths;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One repository's part of an export: its units, laid out with their own metadata files under
 * {@code directory} of the export ({@code ""} for the export's root, as a single repository export
 * does; the repository id for a group export).
 *
 * @param directory where the repository's files and metadata go, relative to the export's root
 * @param units the repository's units
 * @param layouts the layouts of the types the repository holds: only those run, so a type the
 *     repository does not hold writes no metadata files into its part
 */
record ExportSection(String directory, UnitSource units, List<ExportLayout> layouts) {
  /** Copies the layouts. */
  ExportSection {
    layouts = List.copyOf(layouts);
  }

  /**
   * The part of a repository whose units {@code units} streams, with the installed layouts of the
   * types it holds at least one unit of (whatever the export's date window or {@code skip}: a
   * skipped type still gets its, empty, metadata files).
   */
  static ExportSection of(String directory, UnitSource units, List<ExportLayout> installed) {
    List<ExportLayout> held =
        installed.stream().filter(l -> l.types().stream().anyMatch(t -> holds(units, t))).toList();
    return new ExportSection(directory, units, held);
  }

  private static boolean holds(UnitSource units, String type) {
    try (Stream<Unit> one = units.units(UnitCriteria.ofTypes(type).withPage(1, 0))) {
      return one.findAny().isPresent();
    }
  }

  /** The path in the export of a file of this section. */
  String path(String name) {
    return directory.isEmpty() ? name : directory + "/" + name;
  }

  /** This section's directory below {@code root}, checked to stay inside it. */
  Path dirIn(Path root) {
    return directory.isEmpty() ? root : TreePaths.resolveInside(root, directory);
  }
}
