package dev.depot.server.example;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.ValidationResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;

/**
 * The example distributor. It shows the parts of the contract a real distributor needs:
 *
 * <ul>
 *   <li>{@code validateConfig} that refuses unknown keys and uses the {@link ConfigConduit} to
 *       refuse a {@code relative_url} another repository already has;
 *   <li>the added and removed hooks (recorded in {@link #EVENTS} so tests can see them; a config
 *       with {@code fail_on_add: true} makes the added hook throw, to prove nothing is stored);
 *   <li>{@code publishRepo} that streams the units, works through {@code steps} steps of {@code
 *       step_millis} each, reports progress after each, and stops at once when cancelled;
 *   <li>{@code createConsumerPayload}.
 * </ul>
 */
public final class EchoDistributor implements Distributor {
  /** Hook calls seen, as "added:repo" / "removed:repo", for tests. */
  public static final ConcurrentLinkedQueue<String> EVENTS = new ConcurrentLinkedQueue<>();

  private static final Set<String> KEYS =
      Set.of(
          "relative_url",
          "serve_http",
          "fail_on_add",
          "steps",
          "step_millis",
          "force_full",
          "ignore_cancel");

  /** Most publishes seen running at once, per repository and overall ("*"), for tests. */
  public static final Map<String, Integer> MOST_AT_ONCE =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static final Map<String, Integer> RUNNING =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** Units each publish saw, by repository, for tests. */
  public static final Map<String, Long> PUBLISHED = new java.util.concurrent.ConcurrentHashMap<>();

  // Set by cancelPublishRepo from another thread; the publish loop checks it between steps.
  private volatile boolean cancelled;

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("echo_distributor", "Echo Distributor", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    // Read every typed value now: one that cannot be read would only fail the publish later. The
    // platform turns the getters' ConfigValueException into a refusal naming the key.
    for (String flag : List.of("serve_http", "fail_on_add", "force_full", "ignore_cancel")) {
      config.getBoolean(flag);
    }
    config.getLong("steps");
    config.getLong("step_millis");
    String url = relativeUrl(repo, config);
    try (Stream<ConfiguredDistributor> others = conduit.otherDistributors()) {
      Optional<ConfiguredDistributor> taken =
          others.filter(d -> url.equals(relativeUrl(d.repoId(), d.config()))).findFirst();
      if (taken.isPresent()) {
        return ValidationResult.invalid(
            "relative_url " + url + " is already used by repository " + taken.get().repoId(),
            "relative_url");
      }
    }
    return ValidationResult.valid();
  }

  private static String relativeUrl(Repository repo, PluginCallConfiguration config) {
    return config.getString("relative_url").orElse(repo.id());
  }

  private static String relativeUrl(String repoId, Map<String, Object> config) {
    Object url = config.get("relative_url");
    return url == null ? repoId : url.toString();
  }

  @Override
  public void distributorAdded(Repository repo, PluginCallConfiguration config) {
    if (config.getBoolean("fail_on_add", false)) {
      throw new IllegalStateException("asked to fail");
    }
    EVENTS.add("added:" + repo.id());
  }

  @Override
  public void distributorRemoved(Repository repo, PluginCallConfiguration config) {
    EVENTS.add("removed:" + repo.id());
  }

  @Override
  public PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    long count;
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes("note"))) {
      count = units.count();
    }
    enter(repo.id());
    try {
      return publishSteps(repo, conduit, config, count);
    } finally {
      leave(repo.id());
    }
  }

  private static synchronized void enter(String repoId) {
    for (String key : List.of(repoId, "*")) {
      int now = RUNNING.merge(key, 1, Integer::sum);
      MOST_AT_ONCE.merge(key, now, Math::max);
    }
  }

  private static synchronized void leave(String repoId) {
    for (String key : List.of(repoId, "*")) {
      RUNNING.merge(key, -1, Integer::sum);
    }
  }

  private PublishReport publishSteps(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config, long count) {
    ignoreCancel = config.getBoolean("ignore_cancel", false);
    long steps = config.getLong("steps").orElse(1L);
    long stepMillis = config.getLong("step_millis").orElse(0L);
    for (long step = 1; step <= steps; step++) {
      if (cancelled) {
        return PublishReport.canceled("cancelled at step " + step, null);
      }
      try {
        Thread.sleep(stepMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return PublishReport.canceled("interrupted", null);
      }
      conduit.setProgress(Map.of("step", step, "steps", steps));
    }
    PUBLISHED.put(repo.id(), count);
    conduit.setScratchpad(Map.of("published_units", count));
    return PublishReport.success(Map.of("units", count), List.of());
  }

  @Override
  public void cancelPublishRepo() {
    // A badly behaved plugin ("ignore_cancel") lets the platform's interrupt stop it.
    cancelled = !ignoreCancel;
  }

  private volatile boolean ignoreCancel;

  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    return Map.of("relative_url", relativeUrl(repo, config));
  }
}
