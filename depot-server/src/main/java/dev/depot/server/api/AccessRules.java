package dev.depot.server.api;

/**
 * Which of Pulp's operations an API call needs on its path, as Pulp's views declare them: reads and
 * searches READ, creation CREATE, changes UPDATE, removals DELETE; sync, publish and other actions
 * EXECUTE, but the actions that change a repository's content (associate, unassociate,
 * import_upload) UPDATE.
 */
final class AccessRules {
  private AccessRules() {}

  /**
   * The operation, or null for a call any authenticated user may make (login).
   *
   * @param resource the path relative to {@code /pulp/api}, e.g. {@code /v2/repositories/}
   */
  static String operation(String method, String resource) {
    return switch (method) {
      case "GET", "HEAD" -> "READ";
      case "PUT" -> "UPDATE";
      case "DELETE" -> "DELETE";
      default -> post(resource);
    };
  }

  private static String post(String resource) {
    if (resource.endsWith("/search/")
        || resource.endsWith("/search/units/")
        || resource.endsWith("/consumers/content/applicability/")) {
      return "READ";
    }
    int actions = resource.indexOf("/actions/");
    if (actions < 0) {
      return "CREATE";
    }
    String action = resource.substring(actions + "/actions/".length()).replace("/", "");
    return switch (action) {
      case "login" -> null;
      case "associate", "unassociate", "import_upload" -> "UPDATE";
      default -> "EXECUTE";
    };
  }
}
