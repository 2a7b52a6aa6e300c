package dev.depot.server.repo;

import org.jdbi.v3.core.Handle;

/**
 * Told, inside the transaction that removes a distributor (alone or with its repository), that the
 * distributor is going, so that what depends on it (consumer bindings) goes with it and says so.
 */
@FunctionalInterface
public interface DistributorRemoval {
  /** Nothing depends on distributors. */
  DistributorRemoval NONE = (h, repoId, distributorId) -> {};

  /**
   * @param h the removing transaction
   * @param repoId the repository
   * @param distributorId the distributor about to be deleted
   */
  void removing(Handle h, String repoId, String distributorId);
}
