package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.group.GroupDistributorRecord;
import dev.depot.server.group.GroupDistributors;
import dev.depot.server.group.GroupKind;
import dev.depot.server.publish.GroupPublishOperation;
import dev.depot.server.repo.PublishedLocations;
import dev.depot.server.task.TaskQueue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /repo_groups/<gid>/distributors/} (add, list, read, remove) and {@code
 * /repo_groups/<gid>/actions/publish/}, which queues a publish reserved on the group.
 */
final class GroupDistributorEndpoints {
  static final Set<String> ADD_KEYS =
      Set.of("distributor_type_id", "distributor_config", "distributor_id");

  private final GroupDistributors distributors;
  private final TaskQueue queue;
  private final String base;
  private final dev.depot.server.auth.Permissions permissions;

  GroupDistributorEndpoints(
      GroupDistributors distributors,
      TaskQueue queue,
      dev.depot.server.auth.Permissions permissions) {
    this.permissions = permissions;
    this.distributors = distributors;
    this.queue = queue;
    this.base = GroupEndpoints.path(GroupKind.REPOSITORY);
  }

  void register(Router router) {
    router
        .add("GET", base + "{group}/distributors/", this::list)
        .add("POST", base + "{group}/distributors/", this::add)
        .add("GET", base + "{group}/distributors/{distributor}/", this::get)
        .add("PUT", base + "{group}/distributors/{distributor}/", this::update)
        .add("DELETE", base + "{group}/distributors/{distributor}/", this::remove)
        .add("POST", base + "{group}/actions/publish/", this::publish);
  }

  /** Pulp's representation of a group distributor. */
  static Map<String, Object> json(GroupDistributorRecord d) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", d.id());
    json.put("repo_group_id", d.groupId());
    json.put("distributor_type_id", d.typeId());
    json.put(
        "config", dev.depot.server.repo.RepositoryJson.masked(d.config())); // as a repository's
    json.put(
        "last_publish",
        d.lastPublish() == null ? null : dev.depot.server.db.Timestamps.format(d.lastPublish()));
    json.put("published_locations", PublishedLocations.toJson(d.published()));
    json.put("scratchpad", null);
    json.put("_id", Map.of("$oid", d.oid()));
    json.put("_ns", "repo_group_distributors");
    json.put(
        "_href",
        GroupEndpoints.path(GroupKind.REPOSITORY) + d.groupId() + "/distributors/" + d.id() + "/");
    return json;
  }

  /** Adds one distributor as a request body or a group create's list entry describes it. */
  static GroupDistributorRecord add(
      GroupDistributors distributors, String groupId, Map<String, Object> body) {
    ConsumerEndpoints.refuseUnknown(body, ADD_KEYS);
    Map<String, Object> config = JsonFields.config(body, "distributor_config");
    return distributors.add(
        groupId,
        JsonFields.optionalString(body, "distributor_type_id"),
        config == null ? Map.of() : config,
        body.get("distributor_id"));
  }

  private ApiResponse add(ApiRequest request) {
    return ApiResponse.created(
        json(add(distributors, request.param("group"), request.jsonObject(false))));
  }

  private ApiResponse list(ApiRequest request) {
    List<Map<String, Object>> all =
        distributors.list(request.param("group")).stream()
            .map(GroupDistributorEndpoints::json)
            .toList();
    return ApiResponse.ok(all);
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(
        json(distributors.get(request.param("group"), request.param("distributor"))));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, java.util.Set.of("distributor_config"));
    Map<String, Object> changes = JsonFields.config(body, "distributor_config");
    if (changes == null) {
      throw dev.depot.server.error.InvalidValue.missing("distributor_config");
    }
    return ApiResponse.ok(
        json(distributors.update(request.param("group"), request.param("distributor"), changes)));
  }

  private ApiResponse remove(ApiRequest request) {
    distributors.remove(request.param("group"), request.param("distributor"));
    return ApiResponse.deleted();
  }

  private ApiResponse publish(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("id", "override_config"));
    String groupId = request.param("group");
    String distributorId = JsonFields.optionalString(body, "id");
    if (distributorId == null) {
      throw InvalidValue.missing("id");
    }
    // A 404 now rather than a queued task that fails later; the task checks again.
    distributors.get(groupId, distributorId);
    // A group publish reads every member: whoever may not read one of them may not publish it
    // (say, export it to an open tree).
    for (String member : distributors.groups().get(groupId).memberIds()) {
      GroupEndpoints.requireRead(permissions, request.caller(), GroupKind.REPOSITORY, member);
    }
    Map<String, Object> override = JsonFields.config(body, "override_config");
    PublishOverrides.requireUpdateToReconfigure(
        permissions,
        request.caller(),
        distributors.get(groupId, distributorId).config(),
        "/v2/repo_groups/" + groupId + "/distributors/" + distributorId + "/",
        override);
    distributors.checkOverride(groupId, distributorId, override);
    return ApiResponse.accepted(
        queue.enqueue(
            GroupPublishOperation.task(
                groupId, distributorId, override == null ? Map.of() : override)));
  }
}
