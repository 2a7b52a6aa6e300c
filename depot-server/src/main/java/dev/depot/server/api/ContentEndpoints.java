package dev.depot.server.api;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.Unit;
import dev.depot.server.association.UnitCriteriaJson;
import dev.depot.server.content.OrphanOperation;
import dev.depot.server.content.Orphans;
import dev.depot.server.content.UnitJson;
import dev.depot.server.content.UnitQuery;
import dev.depot.server.content.UnitReads;
import dev.depot.server.db.Json;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.task.TaskQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code /content/units/<type>/...} (units whatever repositories hold them) and {@code
 * /content/orphans/...} (units no repository holds: list, and delete as a task).
 */
final class ContentEndpoints {
  private static final String UNITS = Representations.API + "content/units/";
  private static final String ORPHANS = Representations.API + "content/orphans/";

  private final UnitReads units;
  private final Orphans orphans;
  private final PluginRegistry plugins;
  private final TaskQueue queue;

  ContentEndpoints(UnitReads units, Orphans orphans, PluginRegistry plugins, TaskQueue queue) {
    this.units = units;
    this.orphans = orphans;
    this.plugins = plugins;
    this.queue = queue;
  }

  void register(Router router) {
    router
        .add("POST", UNITS + "{type}/search/", this::search)
        .add("GET", UNITS + "{type}/search/", this::searchByQuery)
        .add("GET", UNITS + "{type}/", this::listUnits)
        .add("GET", UNITS + "{type}/{unit}/", this::unit)
        .add("GET", UNITS + "{type}/{unit}/pulp_user_metadata/", this::userMetadata)
        .add("PUT", UNITS + "{type}/{unit}/pulp_user_metadata/", this::setUserMetadata)
        .add("GET", ORPHANS, this::orphanCounts)
        .add("DELETE", ORPHANS, r -> deleteOrphans(null, null))
        .add("GET", ORPHANS + "{type}/", this::listOrphans)
        .add("DELETE", ORPHANS + "{type}/", r -> deleteOrphans(knownType(r), null))
        .add("GET", ORPHANS + "{type}/{unit}/", this::orphan)
        .add("DELETE", ORPHANS + "{type}/{unit}/", this::deleteOrphan);
  }

  private ApiResponse search(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    if (!body.containsKey("criteria")) {
      throw InvalidValue.missing("criteria");
    }
    Boolean includeRepos = JsonFields.optionalBoolean(body, "include_repos");
    return search(
        request.param("type"),
        UnitCriteriaJson.units(body.get("criteria")),
        Boolean.TRUE.equals(includeRepos));
  }

  /** GET form: {@code filters} and {@code sort} as JSON text, repeated {@code field}. */
  private ApiResponse searchByQuery(ApiRequest request) {
    Map<String, Object> criteria = new LinkedHashMap<>();
    for (Map.Entry<String, List<String>> e : request.query().entrySet()) {
      String value = e.getValue().get(0);
      switch (e.getKey()) {
        case "filters", "sort" -> criteria.put(e.getKey(), parse(e.getKey(), value));
        case "field" -> criteria.put("fields", e.getValue());
        case "limit", "skip" -> criteria.put(e.getKey(), value);
        case "include_repos" -> {}
        default -> criteria.put(e.getKey(), value);
      }
    }
    return search(
        request.param("type"), UnitCriteriaJson.units(criteria), request.flag("include_repos"));
  }

  private static Object parse(String field, String text) {
    try {
      return Json.readValue(text);
    } catch (RuntimeException e) {
      throw InvalidValue.coded("PLP1009", field + " is not valid JSON", field);
    }
  }

  private ApiResponse search(String type, UnitCriteriaJson.Parsed criteria, boolean repos) {
    if (!isType(type)) {
      return ApiResponse.ok(List.of());
    }
    Stream<Map<String, Object>> found =
        UnitEndpoints.open(() -> units.ofType(type, criteria.query()))
            .map(
                a -> {
                  Map<String, Object> unit = unitJson(a.unit());
                  if (!criteria.unitFields().isEmpty()) {
                    unit = UnitEndpoints.fields(unit, criteria.unitFields());
                  }
                  if (repos) {
                    unit.put("repository_memberships", units.repositoriesOf(a.unit().id()));
                  }
                  return unit;
                });
    return ApiResponse.ok(new StreamedList(found));
  }

  private ApiResponse listUnits(ApiRequest request) {
    String type = request.param("type");
    if (!isType(type)) {
      return ApiResponse.ok(List.of());
    }
    return ApiResponse.ok(
        new StreamedList(units.ofType(type, UnitQuery.ALL).map(a -> unitJson(a.unit()))));
  }

  private ApiResponse unit(ApiRequest request) {
    String type = request.param("type");
    String id = request.param("unit");
    Unit unit = units.findById(type, id).orElseThrow(() -> MissingResource.of("unit", id));
    return ApiResponse.ok(unitJson(unit));
  }

  private ApiResponse userMetadata(ApiRequest request) {
    String id = request.param("unit");
    return ApiResponse.ok(
        units
            .userMetadata()
            .get(request.param("type"), id)
            .orElseThrow(() -> MissingResource.of("unit", id)));
  }

  /** Replaces the unit's user metadata with the body, a JSON object; 200 null as in Pulp. */
  private ApiResponse setUserMetadata(ApiRequest request) {
    String id = request.param("unit");
    Map<String, Object> value = request.jsonObject(false);
    if (!units.userMetadata().set(request.param("type"), id, value)) {
      throw MissingResource.of("unit", id);
    }
    return ApiResponse.ok(null);
  }

  private static Map<String, Object> unitJson(Unit unit) {
    Map<String, Object> json = UnitJson.document(unit);
    json.put("_href", UNITS + unit.typeId() + "/" + unit.id() + "/");
    json.put("children", Map.of());
    return json;
  }

  private ApiResponse orphanCounts(ApiRequest request) {
    List<String> types = plugins.contentTypes().stream().map(ContentTypeDefinition::id).toList();
    Map<String, Object> json = new LinkedHashMap<>();
    orphans
        .counts(types)
        .forEach(
            (type, count) -> {
              Map<String, Object> entry = new LinkedHashMap<>();
              entry.put("count", count);
              entry.put("_href", ORPHANS + type + "/");
              json.put(type, entry);
            });
    return ApiResponse.ok(json);
  }

  private ApiResponse listOrphans(ApiRequest request) {
    String type = knownType(request);
    return ApiResponse.ok(new StreamedList(orphans.stream(type).map(ContentEndpoints::orphanJson)));
  }

  private ApiResponse orphan(ApiRequest request) {
    String type = knownType(request);
    String id = request.param("unit");
    return ApiResponse.ok(
        orphanJson(orphans.find(type, id).orElseThrow(() -> MissingResource.of("orphan", id))));
  }

  private static Map<String, Object> orphanJson(Unit unit) {
    Map<String, Object> json = UnitJson.document(unit);
    json.put("_href", ORPHANS + unit.typeId() + "/" + unit.id() + "/");
    return json;
  }

  private ApiResponse deleteOrphan(ApiRequest request) {
    String type = knownType(request);
    String id = request.param("unit");
    if (orphans.find(type, id).isEmpty()) {
      throw MissingResource.of("orphan", id);
    }
    return deleteOrphans(type, id);
  }

  private ApiResponse deleteOrphans(String type, String unitId) {
    return ApiResponse.accepted(queue.enqueue(OrphanOperation.task(type, unitId)));
  }

  private String knownType(ApiRequest request) {
    String type = request.param("type");
    if (!isType(type)) {
      throw MissingResource.of("content_type", type);
    }
    return type;
  }

  private boolean isType(String type) {
    return plugins.contentTypes().stream().anyMatch(t -> t.id().equals(type));
  }
}
