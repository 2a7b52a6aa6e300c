package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import picocli.CommandLine.Option;

/** The options of every {@code search} command: Pulp's generic criteria. */
final class SearchOptions {
  @Option(
      names = "--filter",
      paramLabel = "JSON|@FILE|FIELD=VALUE",
      description =
          "A MongoDB-style filter, e.g. '{\"id\": {\"$regex\": \"^zoo\"}}', or FIELD=VALUE"
              + " (or FIELD>=VALUE, <=, >, <, !=) as repo units takes it (repeatable; all must"
              + " match).")
  List<String> filter = new ArrayList<>();

  @Option(
      names = "--sort",
      paramLabel = "FIELD[:desc]",
      description = "Sort on a field, ascending unless :desc (repeatable; first key first).")
  List<String> sort = new ArrayList<>();

  @Option(names = "--limit", paramLabel = "N", description = "At most N results.")
  long limit;

  @Option(names = "--skip", paramLabel = "N", description = "Skip the first N results.")
  long skip;

  @Option(
      names = "--field",
      paramLabel = "FIELD",
      description = "Return only this field, with the ids (repeatable).")
  List<String> fields = new ArrayList<>();

  Map<String, Object> criteria() {
    return criteria(filter, sort, limit, skip, fields);
  }

  /**
   * The table of what a search found: the command's own columns, or with {@code --field} the ids
   * and the fields returned, since the command's columns would show the fields left out as empty or
   * zero (a repository's units as 0).
   */
  String table(JsonNode found, Function<JsonNode, String> columns) {
    return fields.isEmpty() ? columns.apply(found) : SearchCommand.table(found);
  }

  /**
   * Pulp's criteria from the options; each filter is a JSON object ({@code @FILE} reads one) or a
   * {@code FIELD=VALUE} equality, all merged into one.
   */
  static Map<String, Object> criteria(
      List<String> filter, List<String> sort, long limit, long skip, List<String> fields) {
    Map<String, Object> criteria = new LinkedHashMap<>();
    Map<String, Object> filters = filters(filter);
    if (!filters.isEmpty()) {
      criteria.put("filters", filters);
    }
    if (!sort.isEmpty()) {
      List<List<String>> keys = new ArrayList<>();
      for (String key : sort) {
        int colon = key.lastIndexOf(':');
        String direction = colon < 0 ? "" : key.substring(colon + 1).toLowerCase(Locale.ROOT);
        boolean desc = direction.startsWith("desc");
        if (colon >= 0 && !desc && !direction.startsWith("asc")) {
          throw new IllegalArgumentException("expected FIELD[:asc|:desc], got '" + key + "'");
        }
        keys.add(
            List.of(colon < 0 ? key : key.substring(0, colon), desc ? "descending" : "ascending"));
      }
      criteria.put("sort", keys);
    }
    if (limit > 0) {
      criteria.put("limit", limit);
    }
    if (skip > 0) {
      criteria.put("skip", skip);
    }
    if (!fields.isEmpty()) {
      criteria.put("fields", List.copyOf(fields));
    }
    return criteria;
  }

  /**
   * The filters merged: {@code repo units --filter author=acme} is the same here, where a user
   * tries it first, instead of "not valid JSON: Unrecognized token 'author'".
   */
  private static Map<String, Object> filters(List<String> given) {
    Map<String, Object> merged = new LinkedHashMap<>();
    List<String> pairs = new ArrayList<>();
    for (String filter : given) {
      String text = filter.strip();
      if (text.startsWith("{") || text.startsWith("@") || !FieldFilters.isFieldFilter(text)) {
        merged.putAll(Options.jsonObject(filter));
      } else {
        pairs.add(text);
      }
    }
    merged.putAll(UnitCommands.equalities(pairs));
    return merged;
  }
}
