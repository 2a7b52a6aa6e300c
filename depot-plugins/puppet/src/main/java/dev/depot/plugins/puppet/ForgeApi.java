package dev.depot.plugins.puppet;

/**
 * Paths of the Forge API Depot serves per repository (the server side arrives with the SDK's
 * ContentApi).
 */
final class ForgeApi {
  /** The API's prefix on Depot's listeners. */
  static final String PREFIX = "/pulp_puppet/forge";

  private ForgeApi() {}

  /** A repository's Forge root: what {@code --module_repository} names. */
  static String repositoryPath(String repoId) {
    return PREFIX + "/repository/" + repoId;
  }
}
