package dev.depot.server.repo;

import dev.depot.plugin.PublishedLocation;
import dev.depot.server.db.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where distributors published, as JSON: the {@code published_locations} column and the field of
 * the same name in the distributor's REST document (a Depot extension; Pulp 2 has none). Each
 * location is {@code {"protocol", "served_path", "tree_path"}}.
 */
public final class PublishedLocations {
  private PublishedLocations() {}

  /** The JSON-able form; null (never reported) stays null. */
  public static List<Map<String, Object>> toJson(List<PublishedLocation> locations) {
    if (locations == null) {
      return null;
    }
    return locations.stream().map(PublishedLocations::toJson).toList();
  }

  private static Map<String, Object> toJson(PublishedLocation location) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("protocol", location.protocol());
    json.put("served_path", location.servedPath());
    json.put("tree_path", location.treePath() == null ? null : location.treePath().toString());
    return json;
  }

  /** The column's text; null for a distributor that never reported. */
  public static String write(List<PublishedLocation> locations) {
    return locations == null ? null : Json.write(toJson(locations));
  }

  /** Parses the column; null text (never reported) gives null. */
  public static List<PublishedLocation> read(String text) {
    if (text == null) {
      return null;
    }
    return Json.readList(text).stream()
        .map(item -> (Map<?, ?>) item)
        .map(
            map ->
                new PublishedLocation(
                    (String) map.get("protocol"),
                    (String) map.get("served_path"),
                    map.get("tree_path") instanceof String tree ? Path.of(tree) : null))
        .toList();
  }
}
