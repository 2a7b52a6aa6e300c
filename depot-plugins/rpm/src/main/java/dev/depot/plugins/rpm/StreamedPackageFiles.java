package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Primary, filelists and other as plain streamed {@link RepodataFile}s, for a number of packages
 * known only at the end: what an export writes (a publish writes {@link SegmentedPackages}).
 */
final class StreamedPackageFiles implements Repodata.PackageFiles {
  private final RepodataFile primary;
  private final RepodataFile filelists;
  private final RepodataFile other;
  private final PackageNevras listed = new PackageNevras();
  private long count;

  /** Starts the three files in {@code dir} (a tree's repodata). */
  StreamedPackageFiles(Path dir) throws IOException {
    this.primary = new RepodataFile(dir, "primary", "metadata", Repodata.PRIMARY_NS);
    this.filelists = new RepodataFile(dir, "filelists", "filelists", Repodata.FILELISTS_NS);
    this.other = new RepodataFile(dir, "other", "otherdata", Repodata.OTHER_NS);
  }

  @Override
  public void add(Unit unit, String location) throws IOException {
    String[] elements = Repodata.packageElements(unit, location);
    primary.add(elements[0]);
    filelists.add(elements[1]);
    other.add(elements[2]);
    listed.add(unit.unitKey());
    count++;
  }

  @Override
  public PackageNevras listed() {
    return listed;
  }

  @Override
  public List<RepodataFile.Measured> finish() throws IOException {
    return List.of(primary.finish(count), filelists.finish(count), other.finish(count));
  }

  @Override
  public void close() throws IOException {
    try (primary;
        filelists;
        other) {
      // each closes, even when another fails
    }
  }
}
