package dev.depot.plugin;

import java.util.stream.Stream;

/**
 * Handed to {@link Distributor#validateConfig}: what the rest of the server holds that a config may
 * conflict with, e.g. a {@code relative_url} another repository already publishes at.
 *
 * <p>It lists distributors of the plugin's own type only. A path served by a distributor of another
 * type needs no check here: the platform refuses it, across every type, from what each
 * distributor's {@link Distributor#servedPaths} claims.
 *
 * <p>Implemented by the platform and by test doubles, never by plugins.
 */
public interface ConfigConduit {
  /**
   * The distributors of the same type attached to <em>other</em> repositories, with their stored
   * configs. The stream must be closed (use try-with-resources).
   */
  Stream<ConfiguredDistributor> otherDistributors();

  /**
   * The other distributors of the same type attached to the <em>same</em> repository: all of them
   * but the one whose config is being validated, with their stored configs. Two distributors of one
   * repository can conflict too, e.g. one publishing inside the other's tree. The stream must be
   * closed (use try-with-resources).
   *
   * <p>The default lists none, for conduits written before this method.
   */
  default Stream<ConfiguredDistributor> siblingDistributors() {
    return Stream.empty();
  }
}
