package dev.depot.plugins.file;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout;
import dev.depot.publish.export.LineIndex;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code iso} units are exported by {@code export_distributor} and {@code
 * group_export_distributor}: each file at its name, and a {@code PULP_MANIFEST} of them, so an
 * exported repository is an {@code iso_importer} feed.
 */
public final class IsoExportLayout implements ExportLayout {
  static final String MANIFEST = "PULP_MANIFEST";

  @Override
  public String type() {
    return FileContentTypes.ISO;
  }

  @Override
  public List<ExportFile> files(Unit unit) {
    ManifestEntry entry = ManifestEntry.of(unit);
    return List.of(new ExportFile(entry.name(), unit.storagePath(), entry.size()));
  }

  @Override
  public MetadataWriter metadata(Path dir) throws IOException {
    return LineIndex.always(dir, MANIFEST, unit -> ManifestEntry.of(unit).line());
  }
}
