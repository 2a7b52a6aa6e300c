package dev.depot.server.example;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import java.util.List;

/**
 * The example plugin's one content type: a {@code note}, identified by its title. A plugin declares
 * its types like this and lists the class in {@code
 * META-INF/services/dev.depot.plugin.ContentTypes}.
 */
public final class ExampleContentTypes implements ContentTypes {
  @Override
  public List<ContentTypeDefinition> definitions() {
    return List.of(
        new ContentTypeDefinition(
            "note", "Note", "A short text note", List.of("title"), List.of("title")));
  }
}
