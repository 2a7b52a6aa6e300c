package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout;
import dev.depot.publish.tree.TreePaths;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code export_distributor} lays out RPM packages: binary and source packages at {@code
 * Packages/<first letter>/<file>} as {@code yum_distributor} publishes them, with one {@code
 * repodata/} for both, so an exported repository (an ISO image mounted, or {@code export_dir}) is a
 * yum repository: dnf installs from it, and {@code yum_importer} syncs it at an air-gapped site
 * with a {@code file://} feed.
 */
public final class RpmExportLayout implements ExportLayout {
  @Override
  public String type() {
    return RpmTypes.RPM;
  }

  /** Both package types, errata and comps: their metadata is one repodata. */
  @Override
  public List<String> types() {
    List<String> types = new java.util.ArrayList<>(List.of(RpmTypes.RPM, RpmTypes.SRPM));
    types.addAll(YumPublish.METADATA_TYPES);
    types.add(RpmTypes.DISTRIBUTION);
    return types;
  }

  @Override
  public List<ExportFile> files(Unit unit) {
    if (RpmTypes.DISTRIBUTION.equals(unit.typeId())) {
      List<ExportFile> files = new java.util.ArrayList<>();
      for (String path : DistributionSync.published(unit)) {
        Path source = TreePaths.resolveInside(unit.storagePath(), path);
        files.add(ExportFile.stored(path, source));
      }
      return files;
    }
    if (unit.storagePath() == null || RpmTypes.REPO_METADATA_FILE.equals(unit.typeId())) {
      return List.of(); // errata, comps, carried metadata files: in repodata only
    }
    String location = YumPublish.location(String.valueOf(unit.metadata().get("filename")));
    Object size = unit.metadata().get("size");
    return List.of(
        size instanceof Number n
            ? new ExportFile(location, unit.storagePath(), n.longValue())
            : ExportFile.stored(location, unit.storagePath()));
  }

  @Override
  public MetadataWriter metadata(Path dir) throws IOException {
    Repodata repodata = new Repodata(dir);
    return new MetadataWriter() {
      @Override
      public void add(Unit unit, List<ExportFile> files) throws IOException {
        repodata.add(unit, files.isEmpty() ? null : files.get(0).path());
      }

      @Override
      public List<String> finish() throws IOException {
        return repodata.finish();
      }

      @Override
      public void close() throws IOException {
        repodata.close();
      }
    };
  }
}
