package dev.depot.publish.tree;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.cancel.Cancellation;
import dev.depot.publish.config.ConfigCheck;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A distributor serving a static tree over HTTP and/or HTTPS where a {@link ServedTree} says: it
 * refuses unknown keys and bad {@code serve_http}, {@code serve_https} and {@code relative_url}
 * values, claims its served path (the platform refuses overlaps with every other distributor, of
 * any type and repository, so the plugin does not look at them), forwards a cancel to the publish
 * running, unpublishes when removed and gives the consumer payload's URLs. A type adds its own
 * keys' checks, its publish and its payload entries.
 */
public abstract class ServedTreeDistributor implements Distributor {
  /** One publish, which the platform may cancel from another thread. */
  public interface Publish {
    /** Publishes, to the report. */
    PublishReport run() throws IOException, InterruptedException;

    /** Stops the publish soon; the previous tree stays served. */
    void cancel();
  }

  private final Cancellation cancellation = new Cancellation();
  private final ServedTree served;
  private final Set<String> keys;
  private Platform platform;

  /**
   * @param served where the type serves its trees
   * @param ownKeys the type's keys besides {@link ServedTree#keys()}
   */
  protected ServedTreeDistributor(ServedTree served, String... ownKeys) {
    this.served = served;
    Set<String> all = new HashSet<>(served.keys());
    all.addAll(List.of(ownKeys));
    this.keys = Set.copyOf(all);
  }

  @Override
  public void init(Platform platform) {
    this.platform = platform;
  }

  /** The platform given to {@link #init}. */
  protected final Platform platform() {
    if (platform == null) {
      throw new IllegalStateException("init(Platform) must be called before publishing");
    }
    return platform;
  }

  @Override
  public final ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    ConfigCheck check = new ConfigCheck(config);
    Set<String> notYet = keysNotSupportedYet();
    Set<String> taken = new HashSet<>(keys);
    taken.removeAll(notYet);
    check.onlyKeys(taken, notYet);
    served.check(check, repo);
    checkOwnKeys(check, repo);
    return check.result();
  }

  /**
   * Keys among the type's own that it recognises but refuses (in {@link #checkOwnKeys}) as not
   * supported yet: an unknown key's refusal lists them apart from the keys it takes. None by
   * default.
   */
  protected Set<String> keysNotSupportedYet() {
    return Set.of();
  }

  /** Checks the type's own keys; the default has none to check. */
  protected void checkOwnKeys(ConfigCheck check, Repository repo) {}

  @Override
  public final List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
    return served.servedPaths(repo, config);
  }

  /** The publish {@link #publishRepo} runs. */
  protected abstract Publish newPublish(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config);

  @Override
  public final PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    Publish publish = newPublish(repo, conduit, config);
    return cancellation.run(
        publish::cancel, publish::run, () -> PublishReport.canceled("cancelled", null));
  }

  @Override
  public final void cancelPublishRepo() {
    cancellation.cancel(); // reaches the publish running, or the next one to start
  }

  /** Stops serving and deletes the distributor's trees. */
  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    try {
      served.unpublish(platform(), repo, distributorId, config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@link ServedTree#consumerPayload}, following the current config: a binding read right after
   * {@code serve_http} is switched on already offers HTTP, ahead of the next publish. A type adds
   * its own entries to it.
   */
  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    return served.consumerPayload(platform(), repo, config);
  }
}
