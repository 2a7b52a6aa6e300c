package dev.depot.plugins.file;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import java.util.List;

/**
 * Declares the {@code iso} unit type: a file identified by name, SHA-256 and size, one per name in
 * a repository (a changed file replaces the old one, as in Pulp since its bug 2773).
 */
public final class FileContentTypes implements ContentTypes {
  /** The unit type id, as in Pulp. */
  public static final String ISO = "iso";

  @Override
  public List<ContentTypeDefinition> definitions() {
    return List.of(
        new ContentTypeDefinition(
            ISO,
            "ISO/File",
            "A file (ISO image or any other), identified by name, SHA-256 checksum and size",
            List.of("name", "checksum", "size"),
            List.of("name", "checksum"),
            List.of("name")));
  }
}
