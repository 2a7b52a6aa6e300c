package dev.depot.plugins.example;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout;
import dev.depot.publish.export.LineIndex;
import java.nio.file.Path;
import java.util.List;

/**
 * How {@code export_distributor} lays out memos: each at its name, with a {@code SHA256SUMS}, so an
 * exported repository (an ISO image mounted, or {@code export_dir}) is a {@code memo_importer}
 * feed.
 */
// tag::export-layout[]
public final class MemoExportLayout implements ExportLayout {
  @Override
  public String type() {
    return MemoTypes.MEMO;
  }

  @Override
  public List<ExportFile> files(Unit unit) {
    return List.of(ExportFile.stored(Memo.of(unit).name(), unit.storagePath()));
  }

  @Override
  public MetadataWriter metadata(Path dir) {
    // Opened at the first memo: an export of a repository of other types gets no SHA256SUMS.
    return LineIndex.whenAny(dir, Memo.INDEX, unit -> Memo.of(unit).line());
  }
}
// end::export-layout[]
