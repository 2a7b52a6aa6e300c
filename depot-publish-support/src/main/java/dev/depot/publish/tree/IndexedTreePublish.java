package dev.depot.publish.tree;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;

/**
 * The frame of a publish whose tree is links to stored files plus the type's metadata files, served
 * where a {@link ServedTree} config says: it takes over the tree before the served one, lets the
 * type {@link #fillTree} it (bringing it up to date from the index it kept beside it), commits in
 * one rename per protocol, and remembers the relative_url in the distributor's scratchpad, so that
 * a publish after a relative_url change stops serving the old place (unless another repository took
 * it). A cancelled or failed publish leaves the previous tree served and no build behind. With
 * {@link #FORCE_FULL} set, or when the type finds the taken-over tree unusable ({@link
 * UnusableTreeException}), it builds from nothing.
 *
 * <p>Its report is {@code {"state": ..., "<counter>": n}}, {@code n} counted by {@link #count()}.
 * {@link LinkedTreePublish} keeps the index for the type ({@link NamedLinks}); a type whose
 * repositories are large keeps its own, to update the tree from the changes since alone.
 */
public abstract class IndexedTreePublish implements ServedTreeDistributor.Publish {
  /**
   * The config key (Pulp's) that builds the tree anew instead of taking over the one before: what
   * repairs a tree changed by hand. A distributor that offers it lists and checks it as its own.
   */
  public static final String FORCE_FULL = "force_full";

  private final ServedTree served;
  private final Platform platform;
  private final Repository repo;
  private final PublishConduit conduit;
  private final PluginCallConfiguration config;
  private final String counter;
  private final Map<String, Object> details = new java.util.concurrent.ConcurrentHashMap<>();
  private volatile boolean cancelled;
  private long count;

  /**
   * A publish of the repository's tree where {@code served} says.
   *
   * @param counter the report's key counting what was published, e.g. {@code units_published}
   */
  protected IndexedTreePublish(
      ServedTree served,
      Platform platform,
      Repository repo,
      PublishConduit conduit,
      PluginCallConfiguration config,
      String counter) {
    this.served = served;
    this.platform = platform;
    this.repo = repo;
    this.conduit = conduit;
    this.config = config;
    this.counter = counter;
  }

  /**
   * Writes the tree in {@code build}: empty, or the tree before the served one taken over with the
   * index its publish kept ({@link TreePublisher.Build#previousIndex()}), to be brought up to date.
   * Calls {@link #checkCancelled()} once per unit and {@link #count()} per unit published.
   *
   * @throws UnusableTreeException when a taken-over tree cannot be brought up to date (an index of
   *     another format, a version no longer kept): the publish starts again with an empty build
   */
  protected abstract void fillTree(TreePublisher.Build build) throws IOException;

  /** Thrown by {@link #fillTree} for a taken-over tree it cannot bring up to date. */
  public static final class UnusableTreeException extends IOException {
    /** Says why the tree cannot be used. */
    public UnusableTreeException(String why) {
      super(why);
    }
  }

  /** The conduit the publish reads units from. */
  protected final PublishConduit conduit() {
    return conduit;
  }

  /**
   * The tree clients are served until this publish commits (the newest committed one): where a
   * publish finds what it replaces, such as metadata a client may still be fetching; empty on a
   * first publish.
   */
  protected final Optional<Path> servedTree() throws IOException {
    Path master = served.masterDir(platform, repo, conduit.distributorId());
    List<String> trees = MasterDirectory.trees(master);
    return trees.isEmpty() ? Optional.empty() : Optional.of(master.resolve(trees.getLast()));
  }

  /** Stops the publish at the next unit; the previous tree stays served. */
  @Override
  public final void cancel() {
    cancelled = true;
  }

  /** Throws a {@link CancellationException} once {@link #cancel()} was called. */
  protected final void checkCancelled() {
    if (cancelled) {
      throw new CancellationException("publish cancelled");
    }
  }

  /** Counts one unit published; every 500, reports progress. */
  protected final void count() {
    if (++count % 500 == 0) {
      report("in_progress");
    }
  }

  /** Publishes the repository's units; failures and a cancel are in the report. */
  @Override
  public final PublishReport run() {
    RelativeUrl url = served.relativeUrl(repo, config);
    Path master = served.masterDir(platform, repo, conduit.distributorId());
    List<PublishedLocation> where;
    boolean full = config.getBoolean(FORCE_FULL, false);
    try {
      try {
        where = publish(url, master, full);
      } catch (UnusableTreeException e) {
        count = 0;
        reportDetail("rebuilt_because", e.getMessage());
        where = publish(url, master, true);
      }
      PreviousUrl.remember(conduit, url);
    } catch (CancellationException e) {
      return PublishReport.canceled(report("cancelled"), null);
    } catch (IOException e) {
      return PublishReport.failure("publish failed: " + e.getMessage(), report("failed"));
    }
    return PublishReport.success(report("complete"), null).publishedAt(where);
  }

  private List<PublishedLocation> publish(RelativeUrl url, Path master, boolean full)
      throws IOException {
    try (TreePublisher.Build build =
        full ? TreePublisher.begin(master) : TreePublisher.beginReusing(master)) {
      fillTree(build);
      List<Path> moved = previouslyServed(url, master);
      return served.commit(build, platform, url, config, moved);
    }
  }

  /** Where the last publish served, when the relative_url has changed since. */
  private List<Path> previouslyServed(RelativeUrl url, Path master) throws IOException {
    Optional<RelativeUrl> old = PreviousUrl.ifMoved(conduit, url);
    return old.isPresent() ? served.stillServing(platform, old.get(), master) : List.of();
  }

  /**
   * Adds a key to the publish's report from now on, such as how the tree was brought up to date
   * ({@code mode}: {@code full} or {@code changes}); a later call with the same key replaces it.
   */
  protected final void reportDetail(String key, Object value) {
    details.put(key, value);
  }

  private Map<String, Object> report(String state) {
    Map<String, Object> report = new java.util.LinkedHashMap<>();
    report.put("state", state);
    report.put(counter, count);
    report.putAll(details);
    conduit.setProgress(report);
    return Map.copyOf(report);
  }
}
