package dev.depot.plugins.example;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import java.util.List;

/** Declares the {@code note} type. Listed in {@code META-INF/services}. */
// tag::content-type[]
public final class NoteTypes implements ContentTypes {
  /** The unit type id. */
  public static final String NOTE = "note";

  @Override
  public List<ContentTypeDefinition> definitions() {
    return List.of(
        new ContentTypeDefinition(
            NOTE,
            "Note",
            "A small text file, identified by its name and SHA-256",
            List.of("name", "sha256"), // the unit key: same name and bytes, same unit
            List.of("name"), // searched on
            List.of("name"))); // one note per name in a repository: a new version replaces it
  }
}
// end::content-type[]
