package dev.depot.publish.export;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout.ExportFile;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * An export's metadata file of one line per unit, the shape of most feed indexes ({@code
 * PULP_MANIFEST}, {@code SHA256SUMS}): what an {@link ExportLayout#metadata} returns for a type
 * whose exported tree is a feed of its importer.
 */
public final class LineIndex implements ExportLayout.MetadataWriter {
  private final Path file;
  private final Function<Unit, String> line;
  private Writer out;

  private LineIndex(Path file, Function<Unit, String> line) {
    this.file = file;
    this.line = line;
  }

  /**
   * Writes {@code name} in {@code dir} even when no unit comes: an empty repository exports as an
   * empty feed.
   *
   * @param line a unit's line, without the line break
   */
  public static LineIndex always(Path dir, String name, Function<Unit, String> line)
      throws IOException {
    LineIndex index = new LineIndex(dir.resolve(name), line);
    index.open();
    return index;
  }

  /**
   * Writes {@code name} in {@code dir} only once a unit comes: an export of a repository holding
   * none of the type's units (a group export of other types) gets no such file.
   *
   * @param line a unit's line, without the line break
   */
  public static LineIndex whenAny(Path dir, String name, Function<Unit, String> line) {
    return new LineIndex(dir.resolve(name), line);
  }

  private void open() throws IOException {
    out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
  }

  @Override
  public void add(Unit unit, List<ExportFile> files) throws IOException {
    if (out == null) {
      open();
    }
    out.write(line.apply(unit));
    out.write('\n');
  }

  @Override
  public List<String> finish() throws IOException {
    close();
    return out == null ? List.of() : List.of(file.getFileName().toString());
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
    }
  }
}
