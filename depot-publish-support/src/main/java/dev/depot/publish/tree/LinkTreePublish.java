package dev.depot.publish.tree;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One publish of the simplest tree a type can have: a link per unit to its stored file and an index
 * file listing them, served where a {@link ServedTree} config says. It takes over the tree before
 * the served one and changes only the links that differ ({@link NamedLinks}), commits in one rename
 * per protocol, and remembers the relative_url in the distributor's scratchpad, so that a publish
 * after a relative_url change stops serving the old place (unless another repository took it). A
 * cancelled or failed publish leaves the previous tree served and no build behind.
 *
 * <p>Its report is {@code {"state": ..., "units_published": n}}. Types with more metadata, or
 * repositories of millions of units, build on {@link TreePublisher} directly, as the file plugin
 * does.
 */
public final class LinkTreePublish implements ServedTreeDistributor.Publish {
  /** The scratchpad key holding where the last publish served. */
  static final String LAST_URL = ServedTree.RELATIVE_URL;

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

  private final ServedTree served;
  private final Layout layout;
  private final Platform platform;
  private final Repository repo;
  private final PublishConduit conduit;
  private final PluginCallConfiguration config;
  private volatile boolean cancelled;
  private long published;

  /** A publish of the repository's {@code layout} tree where {@code served} says. */
  public LinkTreePublish(
      ServedTree served,
      Layout layout,
      Platform platform,
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config) {
    this.served = served;
    this.layout = layout;
    this.platform = platform;
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
  }

  /** Stops the publish at the next unit; the previous tree stays served. */
  @Override
  public void cancel() {
    cancelled = true;
  }

  /** Publishes the repository's units; failures and a cancel are in the report. */
  @Override
  public PublishReport run() {
    RelativeUrl url = served.relativeUrl(repo, config);
    Path master = served.masterDir(platform, repo, conduit.distributorId());
    List<PublishedLocation> where;
    try (TreePublisher.Build build = TreePublisher.beginReusing(master)) {
      try (NamedLinks links = new NamedLinks(build)) { // closing unlinks units gone since
        build.write(layout.indexName(), index -> link(links, index));
      }
      List<Path> moved = previouslyServed(url, master);
      where = served.commit(build, platform, url, config, moved);
      conduit.setScratchpad(Map.of(LAST_URL, url.path()));
    } catch (CancellationException e) {
      return PublishReport.canceled(report("cancelled"), null);
    } catch (IOException e) {
      return PublishReport.failure("publish failed: " + e.getMessage(), report("failed"));
    }
    return PublishReport.success(report("complete"), null).publishedAt(where);
  }

  private void link(NamedLinks links, OutputStream index) throws IOException {
    try (Stream<Unit> units = conduit.units(layout.units())) {
      for (Unit unit : (Iterable<Unit>) units::iterator) {
        if (cancelled) {
          throw new CancellationException("publish cancelled"); // checked once per unit
        }
        links.link(layout.linkName().apply(unit), unit.storagePath());
        index.write((layout.indexLine().apply(unit) + "\n").getBytes(StandardCharsets.UTF_8));
        published++;
      }
    }
  }

  /**
   * Where the last publish served, when the relative_url has changed since. Only the scratchpad
   * remembers it: the plugin instance that published last time is gone.
   */
  private List<Path> previouslyServed(RelativeUrl url, Path master) throws IOException {
    Object last = conduit.scratchpad().orElse(Map.of()).get(LAST_URL);
    if (!(last instanceof String old) || old.equals(url.path())) {
      return List.of();
    }
    return served.stillServing(platform, RelativeUrl.parse(old), master);
  }

  private Map<String, Object> report(String state) {
    Map<String, Object> report = Map.of("state", state, "units_published", published);
    conduit.setProgress(report);
    return report;
  }
}
