package dev.depot.server.api;

import dev.depot.server.consumer.ApplicabilityOperation;
import dev.depot.server.consumer.Bindings;
import dev.depot.server.consumer.ConsumerCollection;
import dev.depot.server.consumer.ConsumerProfiles;
import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.RepositoryCollection;
import dev.depot.server.search.Criteria;
import dev.depot.server.search.Search;
import dev.depot.server.search.SearchCollection;
import dev.depot.server.task.TaskQueue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Consumers' unit profiles and applicability, as in Pulp: {@code /consumers/<id>/profiles/}
 * (upload, list, read, delete), the three {@code regenerate_applicability} actions (a consumer,
 * consumers by criteria, the consumers bound to repositories by criteria; each a task), and {@code
 * /consumers/content/applicability/}, which answers the stored applicability, consumers with the
 * same answer together; and Depot's {@code /consumers/<id>/applicability/}, one consumer's.
 */
final class ProfileEndpoints {
  /** Consumers per task of a parallel regeneration. */
  static final int PARALLEL_BATCH = 50;

  private final ConsumerProfiles profiles;
  private final Bindings bindings;
  private final TaskQueue queue;
  private final Search search;
  private final ConsumerCollection consumers = new ConsumerCollection(ConsumerJson::consumer);
  private final RepositoryCollection repositories;

  ProfileEndpoints(
      ConsumerProfiles profiles,
      Bindings bindings,
      TaskQueue queue,
      Search search,
      RepositoryCollection repositories) {
    this.profiles = profiles;
    this.bindings = bindings;
    this.queue = queue;
    this.search = search;
    this.repositories = repositories;
  }

  void register(Router router) {
    String one = ConsumerJson.CONSUMERS + "{consumer}/profiles/";
    String regenerate = "actions/content/regenerate_applicability/";
    router
        .add("GET", one, this::list)
        .add("POST", one, this::upload)
        .add("GET", one + "{type}/", this::get)
        .add("DELETE", one + "{type}/", this::delete)
        .add("POST", ConsumerJson.CONSUMERS + "{consumer}/" + regenerate, this::regenerateOne)
        .add("POST", ConsumerJson.CONSUMERS + regenerate, this::regenerateConsumers)
        .add("POST", Representations.API + "repositories/" + regenerate, this::regenerateRepos)
        .add("POST", ConsumerJson.CONSUMERS + "content/applicability/", this::query)
        .add("GET", ConsumerJson.CONSUMERS + "{consumer}/applicability/", this::ofConsumer);
  }

  /**
   * Depot's addition: one consumer's stored applicability, which the consumer itself may read. With
   * {@code ?details=true}, {@code {"regenerated": time or null, "applicability": {...}}}: an empty
   * answer never regenerated (as after a profile upload) is no answer yet, not "nothing applies".
   */
  private ApiResponse ofConsumer(ApiRequest request) {
    String consumerId = request.param("consumer");
    profiles.list(consumerId); // 404 for an unknown consumer
    Map<String, List<String>> applicability = profiles.applicability(consumerId);
    if (!request.flag("details")) {
      return ApiResponse.ok(applicability);
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put(
        "regenerated",
        profiles.applicabilityRegenerated(consumerId).map(Timestamps::format).orElse(null));
    json.put("applicability", applicability);
    return ApiResponse.ok(json);
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(
        profiles.list(request.param("consumer")).stream().map(p -> p.json()).toList());
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(profiles.get(request.param("consumer"), request.param("type")).json());
  }

  private ApiResponse upload(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("content_type", "profile"));
    String type = JsonFields.requiredString(body, "content_type");
    if (!body.containsKey("profile") || body.get("profile") == null) {
      throw dev.depot.server.error.InvalidValue.missing("profile");
    }
    return ApiResponse.created(
        profiles.upload(request.param("consumer"), type, body.get("profile")).json());
  }

  private ApiResponse delete(ApiRequest request) {
    profiles.delete(request.param("consumer"), request.param("type"));
    return ApiResponse.ok(null);
  }

  private ApiResponse regenerateOne(ApiRequest request) {
    String consumerId = request.param("consumer");
    profiles.list(consumerId); // 404 for an unknown consumer, before anything is queued
    return ApiResponse.accepted(queue.enqueue(ApplicabilityOperation.task(List.of(consumerId))));
  }

  private ApiResponse regenerateConsumers(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("consumer_criteria"));
    List<String> ids = ids(consumers, body.get("consumer_criteria"), "consumer_criteria");
    return ApiResponse.accepted(queue.enqueue(ApplicabilityOperation.task(ids)));
  }

  private ApiResponse regenerateRepos(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("repo_criteria", "parallel"));
    Set<String> consumerIds = new LinkedHashSet<>();
    for (String repoId : ids(repositories, body.get("repo_criteria"), "repo_criteria")) {
      bindings.ofRepository(repoId).forEach(b -> consumerIds.add(b.binding().consumerId()));
    }
    List<String> ids = new ArrayList<>(consumerIds);
    if (!Boolean.TRUE.equals(JsonFields.optionalBoolean(body, "parallel"))) {
      return ApiResponse.accepted(queue.enqueue(ApplicabilityOperation.task(ids)));
    }
    // Pulp's parallel form: the consumers in batches, a task each, followed as one task group.
    List<dev.depot.server.task.NewTask> batches = new ArrayList<>();
    for (int from = 0; from == 0 || from < ids.size(); from += PARALLEL_BATCH) {
      batches.add(
          ApplicabilityOperation.task(
              ids.subList(from, Math.min(ids.size(), from + PARALLEL_BATCH))));
    }
    return new ApiResponse(
        202, dev.depot.server.task.TaskJson.groupCallReport(queue.enqueueGroup(batches)), null);
  }

  /** {@code {criteria, content_types?}}: the stored applicability of the consumers matching. */
  private ApiResponse query(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("criteria", "content_types"));
    List<?> types = JsonFields.optionalList(body, "content_types");
    Map<Map<String, List<String>>, List<String>> grouped = new LinkedHashMap<>();
    for (String consumerId : ids(consumers, body.get("criteria"), "criteria")) {
      Map<String, List<String>> applicability = profiles.applicability(consumerId);
      if (types != null) {
        applicability.keySet().retainAll(types.stream().map(String::valueOf).toList());
      }
      grouped.computeIfAbsent(applicability, a -> new ArrayList<>()).add(consumerId);
    }
    List<Map<String, Object>> answer = new ArrayList<>();
    grouped.forEach(
        (applicability, ids) -> {
          Map<String, Object> entry = new LinkedHashMap<>();
          entry.put("consumers", ids);
          entry.put("applicability", applicability);
          answer.add(entry);
        });
    return ApiResponse.ok(answer);
  }

  private <T> List<String> ids(SearchCollection<T> collection, Object criteria, String field) {
    if (criteria == null) {
      throw dev.depot.server.error.InvalidValue.missing(field);
    }
    Criteria parsed;
    try {
      parsed = Criteria.parse(criteria, collection.fields());
    } catch (dev.depot.server.error.InvalidValue e) {
      throw dev.depot.server.error.InvalidValue.wrapping(field, e);
    }
    try (java.util.stream.Stream<Map<String, Object>> found = search.run(collection, parsed)) {
      return found.map(d -> String.valueOf(d.get("id"))).toList();
    }
  }
}
