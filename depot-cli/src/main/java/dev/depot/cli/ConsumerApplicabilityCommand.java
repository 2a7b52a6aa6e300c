package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code depot consumer applicability}: which units of its bound repositories apply to a machine
 * (newer packages, errata), as Pulp's consumer client showed it; or, for a fleet, to every consumer
 * a filter matches, consumers with the same answer together ({@code POST
 * /consumers/content/applicability/}).
 */
@Command(
    name = "applicability",
    description =
        "Show which units of the bound repositories apply to this machine, or to every consumer"
            + " --filter matches.",
    footer = {
      "",
      "With --filter (or --all) the answer is the admin's view of many consumers: each distinct"
          + " answer once, with the consumers it is the answer of.",
      "",
      "Example:",
      "  depot consumer applicability --regenerate",
      "  depot consumer applicability --filter '{\"notes.site\": \"north\"}' \\",
      "      --content-type erratum"
    })
final class ConsumerApplicabilityCommand extends ConsumerCommand.Local {
  @Option(
      names = "--id",
      paramLabel = "ID",
      description = "The consumer (default: this machine's).")
  String id;

  @Option(
      names = "--filter",
      paramLabel = "JSON|@FILE",
      description = "Every consumer this filter matches, e.g. '{\"notes.site\": \"north\"}'.")
  String filter;

  @Option(names = "--all", description = "Every consumer of the server.")
  boolean all;

  @Option(
      names = "--content-type",
      paramLabel = "TYPE",
      description = "Only units of this type, e.g. erratum (repeatable).")
  List<String> contentTypes;

  @Option(
      names = "--regenerate",
      description = "Compute it afresh first and wait for it (admin credentials).")
  boolean regenerate;

  @Override
  public Integer call() {
    refuseUnknownTypes();
    if (filter != null || all) {
      return ofMany();
    }
    String target = target(id, "show the applicability of");
    if (regenerate) { // waiting on a task takes the admin's credentials, as every task does
      JsonNode report =
          api()
              .post("consumers/" + target + "/actions/content/regenerate_applicability/", Map.of());
      int code = follow(report, false, "Applicability of " + target + " regenerated");
      if (code != 0) {
        return code;
      }
    }
    JsonNode answer = clientFor(target).get("consumers/" + target + "/applicability/?details=true");
    // A server that knows no details answers the map alone, as without the flag.
    boolean detailed = answer.has("regenerated") && answer.path("applicability").isObject();
    JsonNode applicability = only(detailed ? answer.path("applicability") : answer);
    boolean neverRegenerated = detailed && answer.path("regenerated").isNull();
    print(
        applicability,
        () ->
            out()
                .print(
                    neverRegenerated
                        ? notComputed(target)
                        : table(
                            List.of(Map.entry("", applicability)), names(applicability), false)));
    return 0;
  }

  /**
   * A {@code --content-type} no plugin declares ({@code errata} for {@code erratum}) filtered every
   * unit out and read "Nothing applies", as if the machine were up to date: refused, naming the
   * types the server knows. Not checked for a user who may not read the server's plugin list (a
   * consumer's own view, without the admin's credentials).
   */
  private void refuseUnknownTypes() {
    if (contentTypes == null) {
      return;
    }
    List<String> known = new ArrayList<>();
    try {
      api().get("plugins/types/").forEach(type -> known.add(type.path("id").asText()));
    } catch (RuntimeException e) {
      return;
    }
    List<String> unknown = contentTypes.stream().filter(t -> !known.contains(t)).toList();
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException(
          "--content-type "
              + String.join(", ", unknown)
              + ": no such content type; the server knows "
              + String.join(", ", known.stream().sorted().toList()));
    }
  }

  /**
   * Pulp computes applicability only when asked, and a profile upload drops what was computed: an
   * empty answer then means "not known yet", not "nothing applies".
   */
  private String notComputed(String target) {
    return "Applicability of "
        + target
        + " has not been computed since its profiles last changed; compute it with: depot"
        + " consumer applicability --regenerate"
        + (id == null ? "" : " --id " + id)
        + "\n";
  }

  /** The criteria form: the consumers --filter (or --all) matches, answers grouped. */
  private int ofMany() {
    if (id != null) {
      throw new IllegalArgumentException("give --id or --filter/--all, not both");
    }
    if (filter != null && all) {
      throw new IllegalArgumentException("give --filter or --all, not both");
    }
    Map<String, Object> criteria = new LinkedHashMap<>();
    Map<String, Object> filters = Options.jsonObject(filter);
    if (!filters.isEmpty()) {
      criteria.put("filters", filters);
    }
    if (regenerate) {
      JsonNode report =
          api()
              .post(
                  "consumers/actions/content/regenerate_applicability/",
                  Map.of("consumer_criteria", criteria));
      int code = follow(report, false, "Applicability regenerated");
      if (code != 0) {
        return code;
      }
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("criteria", criteria);
    if (contentTypes != null) {
      body.put("content_types", contentTypes);
    }
    JsonNode answer = api().post("consumers/content/applicability/", body);
    List<Map.Entry<String, JsonNode>> groups = new ArrayList<>();
    ObjectNode merged = ApiClient.JSON.createObjectNode();
    for (JsonNode group : answer) {
      List<String> ids = new ArrayList<>();
      group.path("consumers").forEach(c -> ids.add(c.asText()));
      groups.add(Map.entry(String.join(", ", ids), group.path("applicability")));
      mergeInto(merged, group.path("applicability"));
    }
    print(
        answer,
        () ->
            out()
                .print(
                    groups.isEmpty()
                        ? "No consumer matches\n"
                        : table(groups, names(merged), true)));
    return 0;
  }

  /** Adds each type's unit ids of {@code applicability} to {@code merged}'s: one look-up of all. */
  private static void mergeInto(ObjectNode merged, JsonNode applicability) {
    applicability
        .properties()
        .forEach(
            e -> {
              if (!merged.has(e.getKey())) {
                merged.putArray(e.getKey());
              }
              ((ArrayNode) merged.get(e.getKey())).addAll((ArrayNode) e.getValue());
            });
  }

  /** The applicability without the types --content-type leaves out. */
  private JsonNode only(JsonNode applicability) {
    if (contentTypes == null) {
      return applicability;
    }
    ObjectNode kept = ApiClient.JSON.createObjectNode();
    applicability
        .properties()
        .forEach(
            e -> {
              if (contentTypes.contains(e.getKey())) {
                kept.set(e.getKey(), e.getValue());
              }
            });
    return kept;
  }

  /**
   * What each applicable unit is (an erratum's id, a package's name-version-release.arch...), read
   * with the admin's credentials; none when they are not at hand (a consumer's own view): then only
   * the unit ids are shown.
   */
  private Map<String, String> names(JsonNode applicability) {
    Map<String, String> names = new HashMap<>();
    try {
      for (var e : applicability.properties()) {
        List<String> ids = new ArrayList<>();
        e.getValue().forEach(unit -> ids.add(unit.asText()));
        Map<String, Object> filters = Map.of("_id", Map.of("$in", ids));
        for (JsonNode unit :
            api()
                .post(
                    "content/units/" + e.getKey() + "/search/",
                    Map.of("criteria", Map.of("filters", filters)))) {
          names.put(unit.path("_id").asText(), describe(unit));
        }
      }
    } catch (RuntimeException e) {
      return Map.of();
    }
    return names;
  }

  private static String describe(JsonNode unit) {
    if (unit.hasNonNull("name") && unit.hasNonNull("version") && unit.hasNonNull("release")) {
      String epoch = unit.path("epoch").asText("0");
      return unit.path("name").asText()
          + "-"
          + (epoch.isEmpty() || epoch.equals("0") ? "" : epoch + ":")
          + unit.path("version").asText()
          + "-"
          + unit.path("release").asText()
          + (unit.hasNonNull("arch") ? "." + unit.path("arch").asText() : "");
    }
    String id = unit.path("id").asText(unit.path("name").asText(""));
    String title = unit.path("title").asText("");
    return title.isEmpty() ? id : id + " (" + title + ")";
  }

  /**
   * A row per applicable unit; with {@code consumers}, a first column naming the consumers each
   * answer is theirs, and a row saying nothing applies for an empty answer.
   */
  private static String table(
      List<Map.Entry<String, JsonNode>> groups, Map<String, String> names, boolean consumers) {
    Table t =
        consumers
            ? new Table("CONSUMERS", "TYPE", "UNIT", "UNIT ID")
            : new Table("TYPE", "UNIT", "UNIT ID");
    for (Map.Entry<String, JsonNode> group : groups) {
      List<Object[]> rows = new ArrayList<>();
      group
          .getValue()
          .properties()
          .forEach(
              e ->
                  e.getValue()
                      .forEach(
                          unit ->
                              rows.add(
                                  new Object[] {
                                    e.getKey(), names.getOrDefault(unit.asText(), ""), unit.asText()
                                  })));
      if (consumers && rows.isEmpty()) {
        rows.add(new Object[] {null, "nothing applies", null});
      }
      for (Object[] row : rows) {
        t.row(consumers ? new Object[] {group.getKey(), row[0], row[1], row[2]} : row);
      }
    }
    return t.isEmpty() ? "Nothing applies\n" : t.render();
  }
}
