package dev.depot.plugin;

import java.util.List;
import java.util.Map;

/**
 * Publishes a repository: serves it over HTTP/HTTPS, packs it as ISO images, pushes it with rsync,
 * ...
 *
 * <p>List implementations in {@code META-INF/services/dev.depot.plugin.Distributor}; each needs a
 * public no-argument constructor that does nothing expensive. The platform creates a <em>new
 * instance for every operation</em> (validate, add, publish, payload, ...) and never reuses it,
 * except that {@link #cancelPublishRepo()} is called on the very instance that is running {@link
 * #publishRepo}, from another thread.
 *
 * <p>Each instance is created with the thread's context class loader set to the loader that found
 * the plugins, which sees every plugin jar, including those dropped in the server's {@code
 * plugins/} folder: a class of a shared library that a plugin names in its services file (e.g. the
 * generic export distributor of {@code depot-publish-support}) finds the plugins' own services with
 * {@code ServiceLoader.load(type, Thread.currentThread().getContextClassLoader())} in its
 * constructor.
 *
 * <p>A repository may carry several distributors, of the same type or not; each is attached with
 * its own stored configuration, validated by {@link #validateConfig} on add and on every update.
 *
 * <p>Example: {@code dev.depot.server.example.EchoDistributor} in the server's tests.
 */
public interface Distributor {

  /**
   * Hands the instance the server's publish locations and URLs. Called once, right after the
   * instance is created and before any other method; the default ignores it.
   */
  default void init(Platform platform) {}

  /** Id, display name and content types. Called often; must not initialise anything. */
  PluginMetadata metadata();

  /**
   * Checks a proposed configuration before it is stored. Called when the distributor is added and
   * on every config update, with the whole proposed config as the repository layer. Return {@link
   * ValidationResult#invalid} with a message naming the key; throwing is treated as a bug in the
   * plugin (500).
   *
   * @param repo the repository the distributor is (being) attached to
   * @param config the proposed configuration, over the plugin defaults
   * @param conduit what other repositories' distributors of this type are configured with
   */
  ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit);

  /**
   * The paths below {@code /pulp/} a configuration makes this distributor serve, so the platform
   * can refuse, across every type and repository, a configuration that would publish where another
   * distributor does (equal paths, or one inside the other) with a 400 naming {@link
   * ServedPath#key()}. Called after {@link #validateConfig} accepted the config, and for every
   * other stored distributor with its stored config; for those the repository holds only its id, so
   * the result must depend on the id and the config alone. Must not throw for a config {@code
   * validateConfig} accepted.
   *
   * <p>The default claims none: a distributor that serves nothing locally (e.g. a push to a remote)
   * keeps it.
   */
  default List<ServedPath> servedPaths(Repository repo, PluginCallConfiguration config) {
    return List.of();
  }

  /**
   * Called once the distributor is accepted, before it is stored; throwing refuses the add and
   * nothing is stored.
   */
  default void distributorAdded(Repository repo, PluginCallConfiguration config) {}

  /**
   * Called when the distributor is removed (alone or with its repository), once that removal has
   * committed: remove what it published. A crash before it finished makes the platform call it
   * again later, so it must be idempotent. Exceptions are logged; the removal stands.
   */
  default void distributorRemoved(Repository repo, PluginCallConfiguration config) {}

  /**
   * The same hook with the id the distributor had in the repository, for plugins that keep state
   * per distributor (e.g. under {@link Platform#masterDir}). The platform calls this one; the
   * default calls {@link #distributorRemoved(Repository, PluginCallConfiguration)}.
   */
  default void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    distributorRemoved(repo, config);
  }

  /**
   * Publishes the repository. Synchronous from the platform's view; may use threads inside. Must
   * never leave a half-published repository visible: build aside, then switch atomically.
   *
   * @param repo the repository, with the task's working directory
   * @param conduit units, progress and scratchpads
   * @param config override, repository and plugin-default layers
   * @return the outcome; return {@link PublishReport#canceled} after a cancel
   */
  default PublishReport publishRepo(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    throw new UnsupportedOperationException(metadata().id() + " cannot publish");
  }

  /**
   * Asks the running {@link #publishRepo} on this instance to stop. Called from another thread;
   * must return quickly. The publish then stops promptly and leaves the previous publication
   * served. Implement together with {@code publishRepo}.
   */
  default void cancelPublishRepo() {}

  /**
   * Everything a consumer bound to this distributor needs to use the repository (URLs, protocols,
   * CA certificate, ...). Called every time a binding is shown, with the current config; the result
   * is not stored.
   *
   * @param bindingConfig options given at bind time, possibly empty
   * @return a JSON-able map
   */
  default Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    return Map.of();
  }

  /**
   * The payload, knowing where this distributor's last successful publish can be reached (as its
   * {@link PublishReport.Published#locations()} said), so URLs come from what is really served
   * rather than from config keys. The platform calls this one; the default ignores {@code
   * published} and calls {@link #createConsumerPayload(Repository, PluginCallConfiguration, Map)},
   * so implement either.
   *
   * @param published the locations of the last successful publish; empty if it never published or
   *     reported none
   */
  default Map<String, Object> createConsumerPayload(
      Repository repo,
      PluginCallConfiguration config,
      Map<String, Object> bindingConfig,
      List<PublishedLocation> published) {
    return createConsumerPayload(repo, config, bindingConfig);
  }
}
