package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The install lines {@code depot repo show} prints: for each distributor whose type's {@link
 * BindingHandler} has one, built from its {@code published_locations}. Only the protocol of the
 * CLI's own server URL is known (the server says no other port), so an http:// {@code --url} gives
 * the http line and an https:// one the https line.
 */
final class PublishedUsage {
  private PublishedUsage() {}

  /**
   * {@code <distributor id>: <line>} for each distributor that has one; {@code ca} is what an
   * https:// line must trust (the CA the CLI trusts the server with), or null.
   */
  static List<String> lines(String serverUrl, JsonNode repo, Path ca) {
    URI server = URI.create(serverUrl);
    List<String> lines = new ArrayList<>();
    for (JsonNode distributor : repo.path("distributors")) {
      Map<String, URI> served = new LinkedHashMap<>();
      for (JsonNode location : distributor.path("published_locations")) {
        if (location.path("protocol").asText().equalsIgnoreCase(server.getScheme())) {
          served.put(server.getScheme(), server.resolve(location.path("served_path").asText("/")));
        }
      }
      BindingHandlers.forType(distributor.path("distributor_type_id").asText())
          .flatMap(handler -> handler.publishedUsage(repo.path("id").asText(), served, ca))
          .ifPresent(line -> lines.add(distributor.path("id").asText() + ": " + line));
    }
    return lines;
  }
}
