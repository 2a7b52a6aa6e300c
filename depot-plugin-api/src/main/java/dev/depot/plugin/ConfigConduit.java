package dev.depot.plugin;

import java.util.Optional;
import java.util.stream.Stream;

/**
 * Handed to {@link Distributor#validateConfig}: what the rest of the server holds that a config may
 * conflict with, e.g. a {@code relative_url} another repository already publishes at.
 *
 * <p>Its listings hold distributors of the plugin's own type only; {@link #sibling} finds one of
 * the same repository of any type. A path served by a distributor of another type needs no check
 * here: the platform refuses it, across every type, from what each distributor's {@link
 * Distributor#servedPaths} claims.
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

  /**
   * Another distributor of the <em>same</em> repository, of any type, by id, with its {@link
   * ConfiguredDistributor#typeId() type id} and stored config: what a config naming a sibling is
   * checked against when it is added or updated, e.g. an rsync distributor's {@code
   * predistributor_id}, which must name the repository's web distributor and not, say, its export
   * distributor. It finds what {@link PublishConduit#sibling} finds at publish time, but never the
   * distributor whose config is being validated.
   *
   * <p>The platform's answer always carries the type id; a test double's may not. The default finds
   * none, for conduits written before this method.
   *
   * @param distributorId the id within the repository
   * @return the distributor, or empty if the repository has none of that id but the one validated
   */
  default Optional<ConfiguredDistributor> sibling(String distributorId) {
    return Optional.empty();
  }

  /**
   * The id of the distributor whose config is being validated: the platform knows it when a
   * distributor is added and when it is updated. A config that names a sibling can then tell the
   * user it named the distributor itself, which {@link #sibling} never finds. The default is empty,
   * for conduits written before this method.
   */
  default Optional<String> distributorId() {
    return Optional.empty();
  }
}
