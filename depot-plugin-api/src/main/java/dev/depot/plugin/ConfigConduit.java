package dev.depot.plugin;

import java.util.stream.Stream;

/**
 * Handed to {@link Distributor#validateConfig}: what the rest of the server holds that a config may
 * conflict with, e.g. a {@code relative_url} another repository already publishes at.
 *
 * <p>Implemented by the platform and by test doubles, never by plugins.
 */
public interface ConfigConduit {
  /**
   * The distributors of the same type attached to <em>other</em> repositories, with their stored
   * configs. The stream must be closed (use try-with-resources).
   */
  Stream<ConfiguredDistributor> otherDistributors();
}
