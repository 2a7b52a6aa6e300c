package dev.depot.publish.tree;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One publish of the simplest tree a type can have: a link per unit to its stored file and an index
 * file listing them, in the frame {@link LinkedTreePublish} gives (reused tree, one rename per
 * protocol, relative_url changes followed). Its report is {@code {"state": ..., "units_published":
 * n}}. Types with more metadata extend {@link LinkedTreePublish}; repositories of millions of units
 * build on {@link TreePublisher} directly, as the file plugin does.
 */
public final class LinkTreePublish extends LinkedTreePublish {
  /**
   * What a type's tree holds.
   *
   * @param units the units to publish, in the order of the index
   * @param linkName a unit's path in the tree
   * @param indexName the index file's name in the tree
   * @param indexLine a unit's line in the index, without the line break
   */
  public record Layout(
      UnitCriteria units,
      Function<Unit, String> linkName,
      String indexName,
      Function<Unit, String> indexLine) {}

  private final Layout layout;

  /** A publish of the repository's {@code layout} tree where {@code served} says. */
  public LinkTreePublish(
      ServedTree served,
      Layout layout,
      Platform platform,
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config) {
    super(served, platform, repo, conduit, config, "units_published");
    this.layout = layout;
  }

  @Override
  protected void fill(TreePublisher.Build build, NamedLinks links) throws IOException {
    build.write(layout.indexName(), index -> link(links, index));
  }

  private void link(NamedLinks links, OutputStream index) throws IOException {
    try (Stream<Unit> units = conduit().units(layout.units())) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        checkCancelled(); // once per unit
        links.link(layout.linkName().apply(unit), unit.storagePath());
        index.write((layout.indexLine().apply(unit) + "\n").getBytes(StandardCharsets.UTF_8));
        count();
      }
    }
  }
}
