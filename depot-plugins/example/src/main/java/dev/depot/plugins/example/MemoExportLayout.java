package dev.depot.plugins.example;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
    try {
      Path file = unit.storagePath();
      return List.of(new ExportFile(Memo.of(unit).name(), file, Files.size(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public MetadataWriter metadata(Path dir) {
    // Opened at the first memo: an export of a repository of other types gets no SHA256SUMS.
    return new MetadataWriter() {
      private Writer index;

      @Override
      public void add(Unit unit, List<ExportFile> files) throws IOException {
        if (index == null) {
          index = Files.newBufferedWriter(dir.resolve(Memo.INDEX), StandardCharsets.UTF_8);
        }
        index.write(Memo.of(unit).line());
      }

      @Override
      public List<String> finish() throws IOException {
        close();
        return index == null ? List.of() : List.of(Memo.INDEX);
      }

      @Override
      public void close() throws IOException {
        if (index != null) {
          index.close();
        }
      }
    };
  }
}
// end::export-layout[]
