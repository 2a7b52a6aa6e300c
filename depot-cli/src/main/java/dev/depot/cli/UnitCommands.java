package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code depot repo units|copy|remove-units}: a repository's units, searched with Pulp's unit
 * association criteria built from simple options.
 */
final class UnitCommands {
  private UnitCommands() {}

  /** The options every unit selection shares. */
  static class Selection {
    @Option(names = "--type", paramLabel = "TYPE", description = "Only units of this type.")
    String type;

    @Option(
        names = "--filter",
        paramLabel = "FIELD=VALUE|JSON",
        description =
            "Only units whose field equals the value (repeatable; true/false and whole numbers"
                + " match the field typed or as text), or compares with it (FIELD>=VALUE, <=, >,"
                + " <, !=, e.g. issued>=2026-11-01), or a JSON filter as --filters takes it.")
    List<String> filters;

    @Option(
        names = "--filters",
        paramLabel = "JSON",
        description = "A MongoDB-style unit filter, e.g. '{\"size\": {\"$gt\": 100}}'.")
    String json;

    Map<String, Object> criteria() {
      return UnitCommands.criteria(type, filters, json, null, 0, 0);
    }

    /** Whether no option narrows the units down: the selection is the whole repository. */
    boolean everything() {
      return type == null && (filters == null || filters.isEmpty()) && json == null;
    }
  }

  /**
   * Whether a {@code --filter} is a JSON object ({@code @FILE} names one) rather than {@code
   * FIELD=VALUE}: {@code repo search} and {@code unit search} take both there, so a user who tries
   * {@code --filter '{"size": {"$gt": 1}}'} here too gets it instead of "expected key=value".
   */
  private static boolean isJson(String filter) {
    String text = filter.strip();
    return text.startsWith("{") || text.startsWith("@");
  }

  /** The {@code FIELD=VALUE} filters among those given. */
  static List<String> equalityFilters(List<String> filters) {
    return filters == null ? List.of() : filters.stream().filter(f -> !isJson(f)).toList();
  }

  /** The {@code FIELD=VALUE} (or {@code FIELD>=VALUE}, ...) filters as one unit filter. */
  static Map<String, Object> equalities(List<String> filters) {
    return FieldFilters.unitFilter(filters);
  }

  /**
   * Pulp's {@code UnitAssociationCriteria} for a type, {@code field=value} equalities merged into a
   * JSON filter, a sort given as {@code field[,desc]}, and a page (0 = none).
   */
  static Map<String, Object> criteria(
      String type, List<String> filters, String json, String sort, long limit, long skip) {
    Map<String, Object> criteria = new LinkedHashMap<>();
    if (type != null) {
      criteria.put("type_ids", List.of(type));
    }
    Map<String, Object> unit = Options.jsonObject(json);
    for (String filter : filters == null ? List.<String>of() : filters) {
      if (isJson(filter)) {
        unit.putAll(Options.jsonObject(filter.strip()));
      }
    }
    unit.putAll(equalities(equalityFilters(filters)));
    if (!unit.isEmpty()) {
      criteria.put("filters", Map.of("unit", unit));
    }
    if (sort != null) {
      // ',' as documented, or ':' as repo search takes it: 'version:desc' was a field of that name.
      int at = Math.max(sort.lastIndexOf(','), sort.lastIndexOf(':'));
      String given = at < 0 ? "" : sort.substring(at + 1).toLowerCase(java.util.Locale.ROOT);
      boolean desc = given.startsWith("desc");
      if (at >= 0 && !desc && !given.startsWith("asc")) {
        throw new IllegalArgumentException("expected FIELD[,asc|,desc], got '" + sort + "'");
      }
      String field = at < 0 ? sort : sort.substring(0, at);
      String direction = desc ? "descending" : "ascending";
      String scope = field.equals("created") || field.equals("updated") ? "association" : "unit";
      criteria.put("sort", Map.of(scope, List.of(List.of(field, direction))));
    }
    if (limit > 0) {
      criteria.put("limit", limit);
    }
    if (skip > 0) {
      criteria.put("skip", skip);
    }
    return criteria;
  }

  @Command(name = "units", description = "List or search a repository's units.")
  static final class Units extends ApiCommand {
    /** Fields most types' keys have (name, version...): shown when the key cannot be asked. */
    private static final List<String> FALLBACK_KEY =
        List.of("id", "author", "name", "epoch", "version", "release", "arch", "checksum", "size");

    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @picocli.CommandLine.Mixin Selection selection = new Selection();

    @Option(
        names = "--sort",
        paramLabel = "FIELD[,desc]",
        description = "Sort on a unit field, or created/updated; FIELD:desc works too.")
    String sort;

    @Option(names = "--limit", paramLabel = "N", description = "At most N units.")
    long limit;

    @Option(names = "--skip", paramLabel = "N", description = "Skip the first N units.")
    long skip;

    @Override
    public Integer call() {
      Map<String, Object> criteria =
          criteria(selection.type, selection.filters, selection.json, sort, limit, skip);
      JsonNode found =
          api().post("repositories/" + repo + "/search/units/", Map.of("criteria", criteria));
      print(
          found,
          () -> {
            Map<String, List<String>> keys = new HashMap<>();
            Table t = new Table("TYPE", "UNIT_ID", "UNIT_KEY", "ADDED");
            found.forEach(
                a -> {
                  String type = a.path("unit_type_id").asText();
                  List<String> key = keys.computeIfAbsent(type, this::unitKey);
                  List<String> values = new ArrayList<>();
                  for (String field : key) {
                    JsonNode value = a.path("metadata").path(field);
                    if (!value.isMissingNode() || !key.equals(FALLBACK_KEY)) {
                      values.add(field + "=" + value.asText());
                    }
                  }
                  t.row(
                      type,
                      a.path("unit_id").asText(),
                      String.join(" ", values),
                      a.path("created").asText(null));
                });
            out().print(t.isEmpty() ? "No units" + unknownFields() + "\n" : t.render());
          });
      return 0;
    }

    /**
     * When nothing matched: the --filter fields no unit of the repository has at all, as a hint.
     * One the type declares (its unit key, its search indexes: rpm's signing_key) is merely absent
     * (unsigned packages); any other is most likely misspelt ({@code nam=alpha}). Empty when every
     * field exists.
     */
    private String unknownFields() {
      List<String> pairs = equalityFilters(selection.filters);
      if (pairs.isEmpty() || !anyUnit(null)) {
        return ""; // nothing to match against: no field is known or unknown
      }
      List<String> absent = new ArrayList<>();
      List<String> unknown = new ArrayList<>();
      java.util.Set<String> declared = declaredFields();
      for (String field : pairs.stream().map(FieldFilters::field).distinct().toList()) {
        if (!anyUnit(Map.of(field, Map.of("$exists", true)))) {
          (declared.contains(field) ? absent : unknown).add(field);
        }
      }
      List<String> hints = new ArrayList<>();
      if (!unknown.isEmpty()) {
        hints.add("no unit here has a field named " + String.join(" or ", unknown) + ": misspelt?");
      }
      if (!absent.isEmpty()) {
        hints.add("no unit here has a " + String.join(" or ", absent) + " set");
      }
      return hints.isEmpty() ? "" : " (" + String.join("; ", hints) + ")";
    }

    /**
     * The fields the selected type (or any type) declares: its unit key and search indexes. None
     * for a user who may not read the server's plugin list.
     */
    private java.util.Set<String> declaredFields() {
      java.util.Set<String> fields = new java.util.HashSet<>();
      JsonNode types;
      try {
        types = api().get("plugins/types/");
      } catch (ApiClient.ApiException e) {
        if (e.status() != 403) {
          throw e;
        }
        return fields;
      }
      for (JsonNode type : types) {
        if (selection.type == null || selection.type.equals(type.path("id").asText())) {
          type.path("unit_key").forEach(f -> fields.add(f.asText()));
          type.path("search_indexes").forEach(f -> fields.add(f.asText()));
        }
      }
      return fields;
    }

    /** Whether the repository holds a unit of the selected type matching {@code unitFilter}. */
    private boolean anyUnit(Map<String, Object> unitFilter) {
      Map<String, Object> criteria = criteria(selection.type, null, null, null, 1, 0);
      if (unitFilter != null) {
        criteria.put("filters", Map.of("unit", unitFilter));
      }
      return !api()
          .post("repositories/" + repo + "/search/units/", Map.of("criteria", criteria))
          .isEmpty();
    }

    /**
     * The type's unit key fields; for a user who may read the repository but not the server's
     * plugin list (the REST search needs no more), the common key fields the units have instead.
     */
    private List<String> unitKey(String type) {
      List<String> key = new ArrayList<>();
      try {
        api().get("plugins/types/" + type + "/").path("unit_key").forEach(f -> key.add(f.asText()));
      } catch (ApiClient.ApiException e) {
        if (e.status() != 403) {
          throw e;
        }
        key.addAll(FALLBACK_KEY);
      }
      return key;
    }
  }

  @Command(
      name = "copy",
      description = "Copy units from one repository into another; waits and shows progress.")
  static final class Copy extends ApiCommand {
    @Parameters(index = "0", paramLabel = "SOURCE_REPO_ID")
    String source;

    @Parameters(index = "1", paramLabel = "DEST_REPO_ID")
    String dest;

    @picocli.CommandLine.Mixin Selection selection = new Selection();

    @Option(
        names = "--override",
        paramLabel = "KEY=VALUE",
        description =
            "Config for this copy, for the destination's importer (e.g. recursive=true copies the"
                + " dependencies of RPM packages).")
    List<String> overrides;

    @Option(names = "--background", description = "Return the task id at once.")
    boolean background;

    @Option(
        names = "--source-version",
        paramLabel = "N",
        description = "Copy from this kept version of the source instead of its current content.")
    Long sourceVersion;

    @Override
    public Integer call() {
      checkDestination();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("source_repo_id", source);
      if (sourceVersion != null) {
        body.put("source_version", sourceVersion);
      }
      body.put("criteria", selection.criteria());
      body.put("override_config", Options.pairs(overrides));
      return follow(
          api().post("repositories/" + dest + "/actions/associate/", body),
          background,
          "Units copied from " + source + " to " + dest);
    }

    /**
     * The server takes a copy only into an existing repository with an importer (units come in
     * through it), and says so in its own terms once the task runs; here the user is told the
     * command that fixes it before anything is queued.
     */
    private void checkDestination() {
      JsonNode importers;
      try {
        importers = api().get("repositories/" + dest + "/importers/");
      } catch (ApiClient.ApiException e) {
        if (e.status() != 404) {
          throw e;
        }
        throw new ApiClient.ApiException(
            404,
            "repository "
                + dest
                + " does not exist; a copy goes into a repository with an importer. Create it first:"
                + " depot repo create "
                + dest
                + " --importer "
                + sourceImporterType());
      }
      if (importers.isEmpty()) {
        throw new ApiClient.ApiException(
            404,
            "repository "
                + dest
                + " has no importer, and a copy adds units through it. Give it one first:"
                + " depot repo importer set "
                + dest
                + " --type "
                + sourceImporterType());
      }
    }

    /** What to suggest for the destination: the source's importer type, as it holds those units. */
    private String sourceImporterType() {
      try {
        JsonNode importers = api().get("repositories/" + source + "/importers/");
        return importers.path(0).path("importer_type_id").asText("TYPE");
      } catch (ApiClient.ApiException e) {
        return "TYPE";
      }
    }
  }

  @Command(
      name = "remove-units",
      description = "Remove units from a repository (they stay stored until orphan clean-up).")
  static final class RemoveUnits extends ApiCommand {
    @Parameters(paramLabel = "REPO_ID")
    String repo;

    @picocli.CommandLine.Mixin Selection selection = new Selection();

    @Option(names = "--background", description = "Return the task id at once.")
    boolean background;

    @Option(
        names = "--all",
        description = "Remove every unit: required when no --type or --filter narrows them down.")
    boolean all;

    @Override
    public Integer call() {
      // Pulp's unassociate with no criteria empties the repository: a forgotten --filter must not.
      if (selection.everything() != all) {
        throw new IllegalArgumentException(
            all
                ? "--all removes every unit; give it without --type, --filter or --filters"
                : "give --type, --filter or --filters to choose the units to remove, or --all to"
                    + " remove every unit of "
                    + repo);
      }
      return follow(
          api()
              .post(
                  "repositories/" + repo + "/actions/unassociate/",
                  Map.of("criteria", selection.criteria())),
          background,
          "Units removed from " + repo);
    }
  }
}
