package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The install lines {@code depot repo show} prints: for each distributor whose type's {@link
 * BindingHandler} has one, built from its {@code published_locations}. A distributor served over
 * the protocol of the CLI's own server URL gets that protocol's line; one served over the other
 * protocol only (an HTTPS-only Forge, with an http:// {@code --url}) gets that line, at the CLI's
 * server host on the port the server's {@code /status/} names for that listener, as {@code repo
 * publish} prints it.
 */
final class PublishedUsage {
  private PublishedUsage() {}

  /** The lines of {@code repo} as the server {@code api} talks to serves it. */
  static List<String> lines(ApiClient api, JsonNode repo, Path ca) {
    return lines(api.baseUrl(), repo, ca, () -> api.get("status/").path("listeners"));
  }

  /**
   * {@code <distributor id>: <line>} for each distributor that has one; {@code ca} is what an
   * https:// line must trust (the CA the CLI trusts the server with), or null; {@code listeners}
   * gives the server's status {@code listeners}, asked only when a line needs the other protocol.
   */
  static List<String> lines(
      String serverUrl, JsonNode repo, Path ca, Supplier<JsonNode> listeners) {
    URI server = URI.create(serverUrl);
    Supplier<JsonNode> once = new Once(listeners);
    List<String> lines = new ArrayList<>();
    for (JsonNode distributor : repo.path("distributors")) {
      line(server, repo.path("id").asText(), distributor, ca, once)
          .ifPresent(line -> lines.add(distributor.path("id").asText() + ": " + line));
    }
    return lines;
  }

  /** The install line of one distributor of repository {@code repoId}, when its type has one. */
  static Optional<String> line(
      URI server, String repoId, JsonNode distributor, Path ca, Supplier<JsonNode> listeners) {
    Map<String, URI> served = new LinkedHashMap<>();
    Map<String, String> other = new LinkedHashMap<>();
    for (JsonNode location : distributor.path("published_locations")) {
      String protocol = location.path("protocol").asText().toLowerCase(Locale.ROOT);
      String path = location.path("served_path").asText("/");
      if (protocol.equalsIgnoreCase(server.getScheme())) {
        served.put(protocol, server.resolve(path));
      } else if (protocol.equals("http") || protocol.equals("https")) {
        other.put(protocol, path);
      }
    }
    if (served.isEmpty() && !other.isEmpty()) {
      String protocol = other.containsKey("https") ? "https" : "http";
      ListenerUrls.at(server, protocol, listeners.get().path(protocol).asText(null))
          .ifPresent(at -> served.put(protocol, at.resolve(other.get(protocol))));
    }
    return BindingHandlers.forType(distributor.path("distributor_type_id").asText())
        .flatMap(handler -> handler.publishedUsage(repoId, served, ca));
  }

  /** The server's listeners, asked at most once for all of a repository's distributors. */
  private static final class Once implements Supplier<JsonNode> {
    private final Supplier<JsonNode> source;
    private JsonNode value;

    Once(Supplier<JsonNode> source) {
      this.source = source;
    }

    @Override
    public JsonNode get() {
      if (value == null) {
        value = source.get();
      }
      return value;
    }
  }
}
