package dev.depot.publish.tree;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import java.io.IOException;

/**
 * The frame of a publish whose tree is links to stored files plus the type's metadata files ({@link
 * IndexedTreePublish}), where the index is {@link NamedLinks}': taking over the tree before the
 * served one, it changes only the links that differ from those the type names in {@link #fill}.
 * Every publish still names every unit, which suits repositories of thousands of units.
 *
 * <p>{@link LinkTreePublish} is the simplest subclass: a link per unit and one index file.
 */
public abstract class LinkedTreePublish extends IndexedTreePublish {
  /**
   * A publish of the repository's tree where {@code served} says.
   *
   * @param counter the report's key counting what was published, e.g. {@code units_published}
   */
  protected LinkedTreePublish(
      ServedTree served,
      Platform platform,
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config,
      String counter) {
    super(served, platform, repo, conduit, config, counter);
  }

  /**
   * Writes the tree: a link per unit through {@code links} (closed by the caller, which unlinks
   * what no unit named), the type's metadata files through {@code build}. Calls {@link
   * #checkCancelled()} once per unit and {@link #count()} per unit published.
   */
  protected abstract void fill(TreePublisher.Build build, NamedLinks links) throws IOException;

  @Override
  protected final void fillTree(TreePublisher.Build build) throws IOException {
    try (NamedLinks links = new NamedLinks(build)) { // closing unlinks units gone since
      fill(build, links);
    }
  }
}
