package dev.depot.server.api;

import dev.depot.server.error.PermissionDenied;
import java.util.List;

/**
 * What a consumer authenticated by its certificate may do: read, update and unregister itself (as
 * Pulp's consumer-side client does), read its history, and read, create and delete its own bindings
 * and unit profiles (a client reports what it has installed). Everything else, including every
 * admin path and any other consumer, is refused with 403.
 */
final class ConsumerAccess {
  private static final String CONSUMERS = Representations.API + "consumers/";

  private ConsumerAccess() {}

  static void check(String consumerId, String method, String path) {
    if (!allowed(consumerId, method, path)) {
      throw new PermissionDenied("consumer " + consumerId, method + " " + path);
    }
  }

  static boolean allowed(String consumerId, String method, String path) {
    if (!path.startsWith(CONSUMERS)) {
      return false;
    }
    String rest = path.substring(CONSUMERS.length());
    List<String> segments =
        List.of(rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest).stream()
            .flatMap(s -> java.util.Arrays.stream(s.split("/", -1)))
            .toList();
    if (segments.isEmpty() || !segments.get(0).equals(consumerId)) {
      return false;
    }
    if (segments.stream().anyMatch(s -> s.isEmpty() || s.equals(".") || s.equals(".."))) {
      return false;
    }
    if (segments.size() == 1) {
      return method.equals("GET") || method.equals("PUT") || method.equals("DELETE");
    }
    return switch (segments.get(1)) {
      case "history" -> segments.size() == 2 && method.equals("GET");
      case "bindings" ->
          method.equals("GET")
              || (method.equals("POST") && segments.size() == 2)
              || (method.equals("DELETE") && segments.size() == 4);
      case "profiles" ->
          method.equals("GET")
              || (method.equals("POST") && segments.size() == 2)
              || (method.equals("DELETE") && segments.size() == 3);
      case "applicability" -> segments.size() == 2 && method.equals("GET");
      case "actions" ->
          method.equals("POST")
              && segments.equals(
                  List.of(consumerId, "actions", "content", "regenerate_applicability"));
      default -> false;
    };
  }
}
