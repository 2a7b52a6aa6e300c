package dev.depot.plugin;

import java.util.Map;
import java.util.Objects;

/**
 * A distributor of the same type on another repository, as listed by {@link ConfigConduit}.
 *
 * @param repoId the repository it is attached to
 * @param distributorId its id within that repository
 * @param config its stored configuration
 */
public record ConfiguredDistributor(
    String repoId, String distributorId, Map<String, Object> config) {
  /** Checks the ids and copies the config. */
  public ConfiguredDistributor {
    Objects.requireNonNull(repoId, "repoId");
    Objects.requireNonNull(distributorId, "distributorId");
    config = config == null ? Map.of() : Map.copyOf(config);
  }
}
