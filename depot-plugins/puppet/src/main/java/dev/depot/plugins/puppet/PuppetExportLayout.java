package dev.depot.plugins.puppet;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout;
import dev.depot.publish.export.LineIndex;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code export_distributor} lays out puppet modules: each tarball at its Forge file name, with
 * a {@code PULP_MANIFEST} ({@code <file>,<sha256>,<size>}), so an exported repository (an ISO image
 * mounted, or {@code export_dir}) is a {@code puppet_importer} feed at an air-gapped site.
 */
public final class PuppetExportLayout implements ExportLayout {
  /** Pulp's list of a directory feed's tarballs. */
  static final String MANIFEST = "PULP_MANIFEST";

  @Override
  public String type() {
    return PuppetTypes.MODULE;
  }

  @Override
  public List<ExportFile> files(Unit unit) {
    return List.of(ExportFile.stored(ModuleRelease.idOf(unit).fileName(), unit.storagePath()));
  }

  @Override
  public MetadataWriter metadata(Path dir) {
    return LineIndex.whenAny(dir, MANIFEST, PuppetExportLayout::manifestLine);
  }

  /** A release's line in {@code PULP_MANIFEST}. */
  static String manifestLine(Unit unit) {
    return ModuleRelease.idOf(unit).fileName()
        + ","
        + unit.metadata().get("file_sha256")
        + ","
        + unit.metadata().get("file_size");
  }
}
