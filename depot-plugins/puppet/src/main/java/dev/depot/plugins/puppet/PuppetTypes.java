package dev.depot.plugins.puppet;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import java.util.List;

/**
 * Declares the {@code puppet_module} type, keyed as in Pulp. Listed in {@code META-INF/services}.
 */
public final class PuppetTypes implements ContentTypes {
  /** The unit type id. */
  public static final String MODULE = "puppet_module";

  @Override
  public List<ContentTypeDefinition> definitions() {
    return List.of(
        new ContentTypeDefinition(
            MODULE,
            "Puppet Module",
            "A Puppet module release: the tarball puppet module install downloads",
            List.of("author", "name", "version"),
            List.of("author", "name", "version"),
            List.of())); // a repository holds many versions of a module, as the Forge does
  }
}
