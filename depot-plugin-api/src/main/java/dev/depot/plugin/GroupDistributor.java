package dev.depot.plugin;

import java.util.List;

/**
 * Publishes a whole repository group at once, e.g. packs every member repository into one set of
 * ISO images.
 *
 * <p>List implementations in {@code META-INF/services/dev.depot.plugin.GroupDistributor}; each
 * needs a public no-argument constructor that does nothing expensive. As with {@link Distributor},
 * the platform creates a <em>new instance for every operation</em>, except that {@link
 * #cancelPublishGroup()} is called on the very instance running {@link #publishGroup}, from another
 * thread. Instances are created with the plugins' class loader as the thread's context loader, as
 * {@link Distributor}s are. Group distributor ids share no name space with repository distributor
 * ids; a plugin may offer both kinds under different ids.
 *
 * <p>A group may carry several group distributors; each is attached with its own stored
 * configuration, validated by {@link #validateConfig} when it is added.
 */
public interface GroupDistributor {

  /**
   * Hands the instance the server's publish locations and URLs. Called once, right after the
   * instance is created and before any other method; the default ignores it.
   */
  default void init(Platform platform) {}

  /** Id, display name and content types. Called often; must not initialise anything. */
  PluginMetadata metadata();

  /**
   * Checks a proposed configuration before it is stored. Return {@link ValidationResult#invalid}
   * with a message naming the key; a {@link ConfigValueException} is treated the same way, any
   * other exception as a bug in the plugin (500).
   *
   * @param group the group the distributor is (being) attached to
   * @param config the proposed configuration, over the plugin defaults
   */
  ValidationResult validateConfig(RepositoryGroup group, PluginCallConfiguration config);

  /**
   * The paths below {@code /pulp/} a configuration makes this group distributor serve. The platform
   * checks them against every other distributor's, of repositories and of groups alike, exactly as
   * it does {@link Distributor#servedPaths}: a config that would publish where another distributor
   * does (equal paths, or one inside the other) is refused with a 400 naming {@link
   * ServedPath#key()}. Called after {@link #validateConfig} accepted the config, and for every
   * other stored group distributor with its stored config; for those the group holds only its id,
   * so the result must depend on the id and the config alone. Must not throw for a config {@code
   * validateConfig} accepted.
   *
   * <p>The default claims none, for a group distributor that serves nothing locally.
   */
  default List<ServedPath> servedPaths(RepositoryGroup group, PluginCallConfiguration config) {
    return List.of();
  }

  /**
   * Called once the distributor is accepted, before it is stored; throwing refuses the add and
   * nothing is stored.
   */
  default void distributorAdded(RepositoryGroup group, PluginCallConfiguration config) {}

  /**
   * Called when the distributor is removed, alone or with its group, once that removal has
   * committed: remove what it published. A crash before it finished makes the platform call it
   * again later, so it must be idempotent. Exceptions are logged; the removal stands.
   *
   * @param distributorId the id the distributor had in the group
   */
  default void distributorRemoved(
      RepositoryGroup group, String distributorId, PluginCallConfiguration config) {}

  /**
   * Publishes the group. Synchronous from the platform's view; may use threads inside. Must never
   * leave a half-published group visible: build aside, then switch atomically. The platform records
   * the attempt as the distributor's {@code last_publish} whatever the outcome, as Pulp does.
   *
   * @param group the group, with the task's working directory
   * @param conduit members, their units and progress
   * @param config override, group distributor and plugin-default layers
   * @return the outcome; return {@link PublishReport#canceled} after a cancel
   */
  PublishReport publishGroup(
      RepositoryGroup group, GroupPublishConduit conduit, PluginCallConfiguration config);

  /**
   * Asks the running {@link #publishGroup} on this instance to stop. Called from another thread;
   * must return quickly.
   */
  default void cancelPublishGroup() {}
}
