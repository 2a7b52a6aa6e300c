package dev.depot.plugin;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One request to a {@link ContentApi}, as the server (or the testkit's {@code ContentApiServer})
 * hands it over: already decoded and checked, so an API can map the path onto published files
 * without guarding against escapes itself.
 *
 * @param protocol {@code http} or {@code https}: the listener the request came on; an API serves
 *     only what was published for it ({@link Platform#servedRoot})
 * @param method {@code GET} or {@code HEAD}
 * @param path the decoded path below the prefix, starting with {@code /} (e.g. {@code
 *     /repository/r1/v3/releases}); never contains {@code ..} or {@code .} segments, NUL or
 *     backslash (the server refuses such requests with 400 before the API sees them)
 * @param query decoded query parameters, in the order they came, each with its values in order
 * @param baseUrl the URL the client addressed, up to and including the prefix (e.g. {@code
 *     http://host:port/pulp_puppet/forge}), so answers can carry absolute links
 */
public record ContentRequest(
    String protocol, String method, String path, Map<String, List<String>> query, URI baseUrl) {
  /**
   * Checks the promises above and copies the query, so an API may rely on them.
   *
   * @throws IllegalArgumentException when the protocol, method or path breaks them
   */
  public ContentRequest {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(query, "query");
    if (!"http".equals(protocol) && !"https".equals(protocol)) {
      throw new IllegalArgumentException("protocol must be http or https: " + protocol);
    }
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      throw new IllegalArgumentException("method must be GET or HEAD: " + method);
    }
    if (!isSafePath(path)) {
      throw new IllegalArgumentException("not a safe request path: " + path);
    }
    Map<String, List<String>> copy = new LinkedHashMap<>();
    query.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    query = Collections.unmodifiableMap(copy);
  }

  /**
   * Whether a decoded path keeps the promises of {@link #path()}: starts with {@code /}, has no
   * {@code .} or {@code ..} segment, no backslash and no NUL.
   *
   * @param path a decoded path below an API's prefix
   * @return true when a {@link ContentRequest} may carry it
   */
  public static boolean isSafePath(String path) {
    if (path == null || !path.startsWith("/") || path.indexOf('\\') >= 0) {
      return false;
    }
    if (path.indexOf('\0') >= 0) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /**
   * The first value of a query parameter.
   *
   * @param name the parameter's decoded name, e.g. {@code module}
   * @return its first value, or empty when the request has none
   */
  public Optional<String> parameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
  }

  /**
   * The path's segments after the leading slash, e.g. {@code [repository, r1, v3, releases]} for
   * {@code /repository/r1/v3/releases}; a trailing slash gives a last empty segment.
   *
   * @return the segments, in order
   */
  public List<String> segments() {
    return new ArrayList<>(List.of(path.substring(1).split("/", -1)));
  }
}
