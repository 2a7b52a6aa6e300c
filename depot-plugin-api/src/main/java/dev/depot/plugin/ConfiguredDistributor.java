package dev.depot.plugin;

import java.util.Map;
import java.util.Objects;

/**
 * A distributor of the same type on another repository, as listed by {@link ConfigConduit}, or
 * another distributor of the same repository, as {@link PublishConduit#sibling} and {@link
 * ConfigConduit#sibling} find it.
 *
 * @param repoId the repository it is attached to
 * @param distributorId its id within that repository
 * @param config its stored configuration
 * @param typeId its distributor type id, or null where the platform does not say (a listing of one
 *     type's distributors): a sibling's tells a distributor pushing its tree whether that tree is
 *     of the kind it expects
 */
public record ConfiguredDistributor(
    String repoId, String distributorId, Map<String, Object> config, String typeId) {
  /** Checks the ids and copies the config. */
  public ConfiguredDistributor {
    Objects.requireNonNull(repoId, "repoId");
    Objects.requireNonNull(distributorId, "distributorId");
    config = config == null ? Map.of() : Map.copyOf(config);
  }

  /**
   * One whose type is not said.
   *
   * @param repoId the repository it is attached to
   * @param distributorId its id within that repository
   * @param config its stored configuration
   */
  public ConfiguredDistributor(String repoId, String distributorId, Map<String, Object> config) {
    this(repoId, distributorId, config, null);
  }
}
