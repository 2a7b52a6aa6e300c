package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.schedule.IsoSchedule;
import dev.depot.server.schedule.ScheduleJson;
import dev.depot.server.schedule.ScheduleRecord;
import dev.depot.server.schedule.Schedules;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Scheduled syncs under {@code importers/<type>/schedules/sync/} and publishes under {@code
 * distributors/<id>/schedules/publish/}.
 */
final class ScheduleEndpoints {
  private static final Set<String> KEYS =
      Set.of("schedule", "override_config", "failure_threshold", "enabled");

  private final Schedules schedules;
  private final RepositoryImporters importers;
  private final RepositoryDistributors distributors;
  private final SyncRedirects redirects;
  private final PublishOverrides publishOverrides;

  ScheduleEndpoints(
      Schedules schedules,
      RepositoryImporters importers,
      RepositoryDistributors distributors,
      Permissions permissions) {
    this.schedules = schedules;
    this.importers = importers;
    this.distributors = distributors;
    this.redirects = new SyncRedirects(importers, permissions);
    this.publishOverrides = new PublishOverrides(distributors, permissions);
  }

  void register(Router router) {
    String repo = Representations.API + "repositories/{repo}/";
    for (String kind : new String[] {Schedules.SYNC, Schedules.PUBLISH}) {
      String base =
          repo
              + (kind.equals(Schedules.SYNC) ? "importers/{plugin}/" : "distributors/{plugin}/")
              + "schedules/"
              + kind
              + "/";
      router
          .add("GET", base, r -> list(kind, r))
          .add("POST", base, r -> create(kind, r))
          .add("GET", base + "{schedule}/", r -> get(kind, r))
          .add("PUT", base + "{schedule}/", r -> update(kind, r))
          .add("DELETE", base + "{schedule}/", r -> delete(kind, r));
    }
  }

  /** 404 unless the importer or distributor exists. */
  private void requireOwner(String kind, ApiRequest request) {
    if (kind.equals(Schedules.SYNC)) {
      importers.get(request.param("repo"), request.param("plugin"));
    } else {
      distributors.get(request.param("repo"), request.param("plugin"));
    }
  }

  private ApiResponse list(String kind, ApiRequest request) {
    requireOwner(kind, request);
    return ApiResponse.ok(
        schedules.list(kind, request.param("repo"), request.param("plugin")).stream()
            .map(ScheduleJson::of)
            .toList());
  }

  private ApiResponse create(String kind, ApiRequest request) {
    requireOwner(kind, request);
    Map<String, Object> body = request.jsonObject(false);
    refuseUnknownKeys(body);
    String text = JsonFields.optionalString(body, "schedule");
    if (text == null) {
      throw InvalidValue.missing("schedule");
    }
    Boolean enabled = JsonFields.optionalBoolean(body, "enabled");
    Map<String, Object> override = JsonFields.config(body, "override_config");
    checkRedirect(kind, request, override);
    ScheduleRecord created =
        schedules.create(
            kind,
            request.param("repo"),
            request.param("plugin"),
            parse(text),
            override == null ? Map.of() : override,
            enabled == null || enabled,
            threshold(body));
    return ApiResponse.created(ScheduleJson.of(created));
  }

  /**
   * A scheduled sync's override is checked as a sync's own ({@link SyncRedirects}), a scheduled
   * publish's as a publish's own ({@link PublishOverrides}).
   */
  private void checkRedirect(String kind, ApiRequest request, Map<String, Object> override) {
    if (kind.equals(Schedules.SYNC)) {
      redirects.check(request.caller(), request.param("repo"), override);
    } else {
      publishOverrides.check(
          request.caller(), request.param("repo"), request.param("plugin"), override);
    }
  }

  private ApiResponse get(String kind, ApiRequest request) {
    requireOwner(kind, request);
    return ApiResponse.ok(
        ScheduleJson.of(
            schedules.get(
                kind, request.param("repo"), request.param("plugin"), request.param("schedule"))));
  }

  private ApiResponse update(String kind, ApiRequest request) {
    requireOwner(kind, request);
    Map<String, Object> body = request.jsonObject(true);
    refuseUnknownKeys(body);
    String text = JsonFields.optionalString(body, "schedule");
    Map<String, Object> override = JsonFields.config(body, "override_config");
    checkRedirect(kind, request, override);
    ScheduleRecord updated =
        schedules.update(
            kind,
            request.param("repo"),
            request.param("plugin"),
            request.param("schedule"),
            text == null ? null : parse(text),
            override,
            JsonFields.optionalBoolean(body, "enabled"),
            threshold(body),
            body.containsKey("failure_threshold") && body.get("failure_threshold") == null);
    return ApiResponse.ok(ScheduleJson.of(updated));
  }

  private ApiResponse delete(String kind, ApiRequest request) {
    requireOwner(kind, request);
    schedules.delete(
        kind, request.param("repo"), request.param("plugin"), request.param("schedule"));
    return ApiResponse.ok(null);
  }

  private static void refuseUnknownKeys(Map<String, Object> body) {
    Map<String, Object> unknown = new LinkedHashMap<>(body);
    unknown.keySet().removeAll(KEYS);
    if (!unknown.isEmpty()) {
      throw InvalidValue.coded(
          "PLP0017",
          "Unsupported properties: " + String.join(", ", unknown.keySet()),
          unknown.keySet().toArray(String[]::new));
    }
  }

  private static IsoSchedule parse(String text) {
    try {
      return IsoSchedule.parse(text);
    } catch (IllegalArgumentException e) {
      throw InvalidValue.of(e.getMessage(), "schedule");
    }
  }

  private static Integer threshold(Map<String, Object> body) {
    Object value = body.get("failure_threshold");
    if (value == null) {
      return null;
    }
    if (value instanceof Integer n && n > 0) {
      return n;
    }
    throw InvalidValue.of("failure_threshold must be a positive whole number", "failure_threshold");
  }
}
