package dev.depot.publish.export;

import dev.depot.plugin.Unit;
import java.nio.file.Path;
import java.util.List;

/** Blobs go at the root, without metadata. */
public final class BlobLayout implements ExportLayout {
  @Override
  public String type() {
    return "blob";
  }

  @Override
  public List<ExportFile> files(Unit unit) {
    Path file = unit.storagePath();
    return List.of(
        new ExportFile(
            (String) unit.unitKey().get("name"), file, ExportDistributorTest.size(file)));
  }
}
