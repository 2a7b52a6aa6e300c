package dev.depot.server.plugin;

import dev.depot.plugin.Unit;
import dev.depot.publish.export.ExportLayout;
import java.util.List;

/**
 * An export layout of the test {@code note} type that only a plugin jar dropped in {@code plugins/}
 * names in its services file: the test class path's own services list no export layout.
 */
public final class DroppedJarNoteLayout implements ExportLayout {
  @Override
  public String type() {
    return "note";
  }

  @Override
  public List<ExportFile> files(Unit unit) {
    return List.of();
  }
}
