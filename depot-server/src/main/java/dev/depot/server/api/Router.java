package dev.depot.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Matches method and path to an endpoint. Paths are templates such as {@code
 * /pulp/api/v2/repositories/{repo}/}; Pulp's paths all end with a slash and a request without it
 * matches too.
 */
final class Router {
  private final List<Route> routes = new ArrayList<>();

  /** Adds a route. */
  Router add(String method, String template, Endpoint endpoint) {
    routes.add(new Route(method, split(template), endpoint));
    return this;
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    if (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }

  /** The outcome of matching a request. */
  sealed interface Match {}

  /** A route was found. */
  record Found(Endpoint endpoint, Map<String, String> params) implements Match {}

  /** The path exists but not with that method. */
  record WrongMethod(List<String> allowed) implements Match {}

  /** No route has this path. */
  record NotFound() implements Match {}

  Match match(String method, String path) {
    String[] segments = split(path);
    List<String> allowed = new ArrayList<>();
    for (Route route : routes) {
      Optional<Map<String, String>> params = route.bind(segments);
      if (params.isEmpty()) {
        continue;
      }
      if (route.method().equals(method)) {
        return new Found(route.endpoint(), params.get());
      }
      allowed.add(route.method());
    }
    return allowed.isEmpty() ? new NotFound() : new WrongMethod(allowed);
  }

  private record Route(String method, String[] template, Endpoint endpoint) {
    Optional<Map<String, String>> bind(String[] segments) {
      if (segments.length != template.length) {
        return Optional.empty();
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < template.length; i++) {
        String t = template[i];
        if (t.startsWith("{") && t.endsWith("}")) {
          if (segments[i].isEmpty()) {
            return Optional.empty();
          }
          params.put(t.substring(1, t.length() - 1), segments[i]);
        } else if (!t.equals(segments[i])) {
          return Optional.empty();
        }
      }
      return Optional.of(params);
    }
  }
}
