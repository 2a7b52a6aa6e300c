package dev.depot.server.api;

import dev.depot.plugin.Unit;
import dev.depot.server.association.UnitCriteriaJson;
import dev.depot.server.content.UnitJson;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.repo.Repositories;
import dev.depot.server.version.RepositoryVersion;
import dev.depot.server.version.RepositoryVersions;
import dev.depot.server.version.VersionTasks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Depot's repository versions, under {@code /repositories/<id>/versions/}: list, show, delete, the
 * units of a version (Pulp's unit search), the difference between two versions, and rollback.
 * Publish and copy take a version in their own bodies ({@code version}, {@code source_version}).
 */
final class VersionEndpoints {
  private final RepositoryVersions versions;
  private final Repositories repositories;
  private final dev.depot.server.task.TaskQueue queue;

  VersionEndpoints(
      RepositoryVersions versions,
      Repositories repositories,
      dev.depot.server.task.TaskQueue queue) {
    this.versions = versions;
    this.repositories = repositories;
    this.queue = queue;
  }

  void register(Router router) {
    String base = Representations.API + "repositories/{repo}/versions/";
    String one = base + "{version}/";
    router
        .add("GET", base, this::list)
        .add("GET", one, this::show)
        .add("DELETE", one, this::delete)
        .add("POST", one + "search/units/", this::units)
        .add("GET", one + "diff/", this::diff)
        .add("GET", one + "diff/added/", r -> diffUnits(r, true))
        .add("GET", one + "diff/removed/", r -> diffUnits(r, false))
        .add("POST", one + "actions/rollback/", this::rollback);
  }

  private ApiResponse list(ApiRequest request) {
    String repoId = request.param("repo");
    return ApiResponse.ok(versions.list(repoId).stream().map(VersionEndpoints::json).toList());
  }

  private ApiResponse show(ApiRequest request) {
    return ApiResponse.ok(json(versions.get(request.param("repo"), number(request))));
  }

  private ApiResponse delete(ApiRequest request) {
    String repoId = request.param("repo");
    long number = number(request);
    versions.get(repoId, number); // a 404 now rather than a failed task
    if (number == versions.latest(repoId)) {
      throw InvalidValue.of(
          "version " + number + " is the repository's latest and cannot be deleted", "version");
    }
    return ApiResponse.accepted(queue.enqueue(VersionTasks.delete(repoId, number)));
  }

  private ApiResponse units(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    UnitCriteriaJson.Parsed criteria = UnitCriteriaJson.association(body.get("criteria"));
    String repoId = request.param("repo");
    long number = number(request);
    Stream<Map<String, Object>> found =
        UnitEndpoints.open(() -> versions.units(repoId, number, criteria.query()))
            .map(UnitJson::association);
    return ApiResponse.ok(new StreamedList(found));
  }

  private ApiResponse diff(ApiRequest request) {
    String repoId = request.param("repo");
    long to = number(request);
    long from = from(request, to);
    Map<String, Map<String, Long>> diff = versions.diff(repoId, from, to);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("repo_id", repoId);
    json.put("from", from);
    json.put("to", to);
    json.put("added", new TreeMap<>(diff.get("added")));
    json.put("removed", new TreeMap<>(diff.get("removed")));
    return ApiResponse.ok(json);
  }

  private ApiResponse diffUnits(ApiRequest request, boolean added) {
    String repoId = request.param("repo");
    long to = number(request);
    long from = from(request, to);
    Stream<Map<String, Object>> units =
        versions.diffUnits(repoId, from, to, added).map(VersionEndpoints::unitJson);
    return ApiResponse.ok(new StreamedList(units));
  }

  private ApiResponse rollback(ApiRequest request) {
    String repoId = request.param("repo");
    long number = number(request);
    versions.get(repoId, number);
    return ApiResponse.accepted(queue.enqueue(VersionTasks.rollback(repoId, number)));
  }

  private long number(ApiRequest request) {
    repositories.get(request.param("repo")); // 404 for the repository first
    return parse(request.param("version"), "version");
  }

  /** {@code ?from=N}; the version before {@code to} by default. */
  private static long from(ApiRequest request, long to) {
    List<String> values = request.query().get("from");
    if (values == null || values.isEmpty()) {
      if (to == 0) {
        throw InvalidValue.of("version 0 has no version before it: give ?from=", "from");
      }
      return to - 1;
    }
    return parse(values.get(0), "from");
  }

  private static long parse(String text, String field) {
    try {
      long n = Long.parseLong(text);
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw InvalidValue.of(
        field + " must be a version number (0 or more), not '" + text + "'", field);
  }

  private static Map<String, Object> unitJson(Unit unit) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("unit_id", unit.id());
    json.put("unit_type_id", unit.typeId());
    json.put("unit_key", unit.unitKey());
    return json;
  }

  static Map<String, Object> json(RepositoryVersion v) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("repo_id", v.repoId());
    json.put("number", v.number());
    json.put("created", dev.depot.server.db.Timestamps.format(v.created()));
    json.put("task_id", v.taskId());
    json.put("added", new TreeMap<>(v.added()));
    json.put("removed", new TreeMap<>(v.removed()));
    json.put("content_unit_counts", new TreeMap<>(v.contentCounts()));
    json.put(
        "_href",
        Representations.API + "repositories/" + v.repoId() + "/versions/" + v.number() + "/");
    return json;
  }
}
