package dev.depot.plugin;

import java.util.List;

/**
 * Declares the content types a plugin brings. Listed in {@code
 * META-INF/services/dev.depot.plugin.ContentTypes}.
 *
 * <p>The server refuses to start when an importer or distributor names a type nobody declared, or
 * when two plugins declare the same type id.
 */
public interface ContentTypes {
  /** The type definitions; called once at start-up. */
  List<ContentTypeDefinition> definitions();
}
