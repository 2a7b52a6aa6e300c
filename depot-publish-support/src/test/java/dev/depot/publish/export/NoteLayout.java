package dev.depot.publish.export;

import dev.depot.plugin.Unit;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Notes go under notes/, listed one name a line in NOTES_INDEX. */
public final class NoteLayout implements ExportLayout {
  @Override
  public String type() {
    return "note";
  }

  @Override
  public List<ExportFile> files(Unit unit) {
    Path file = unit.storagePath();
    return List.of(
        new ExportFile(
            "notes/" + unit.unitKey().get("name"), file, ExportDistributorTest.size(file)));
  }

  @Override
  public MetadataWriter metadata(Path dir) throws IOException {
    BufferedWriter out = Files.newBufferedWriter(dir.resolve("NOTES_INDEX"));
    return new MetadataWriter() {
      @Override
      public void add(Unit unit, List<ExportFile> files) throws IOException {
        out.write(files.get(0).path() + "\n");
      }

      @Override
      public List<String> finish() throws IOException {
        out.close();
        return List.of("NOTES_INDEX");
      }

      @Override
      public void close() throws IOException {
        out.close();
      }
    };
  }
}
