package dev.depot.server.api;

import dev.depot.server.consumer.BindingRecord;
import dev.depot.server.consumer.Bindings;
import dev.depot.server.group.GroupKind;
import dev.depot.server.group.Groups;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /consumer_groups/<id>/bindings/}: binds or unbinds every member of a consumer group at
 * once. As for one consumer there is no agent to notify, so the change is made during the request
 * and answered 200 with a call report, where Pulp answers 202 with agent tasks.
 */
final class ConsumerGroupBindingEndpoints {
  private static final Set<String> BIND_KEYS =
      Set.of("repo_id", "distributor_id", "binding_config", "notify_agent", "options");

  private final Groups groups;
  private final Bindings bindings;

  ConsumerGroupBindingEndpoints(Groups groups, Bindings bindings) {
    if (groups.kind() != GroupKind.CONSUMER) {
      throw new IllegalArgumentException("bindings belong to consumer groups");
    }
    this.groups = groups;
    this.bindings = bindings;
  }

  void register(Router router) {
    String base = GroupEndpoints.path(GroupKind.CONSUMER) + "{group}/bindings/";
    router
        .add("POST", base, this::bind)
        .add("DELETE", base + "{repo}/{distributor}/", this::unbind);
  }

  /** The call report's result lists each member's binding with its payload. */
  private ApiResponse bind(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, BIND_KEYS);
    List<String> members = groups.get(request.param("group")).memberIds();
    Boolean notify = JsonFields.optionalBoolean(body, "notify_agent");
    JsonFields.optionalObject(body, "options");
    List<BindingRecord> bound =
        bindings.bindAll(
            members,
            JsonFields.requiredString(body, "repo_id"),
            JsonFields.requiredString(body, "distributor_id"),
            JsonFields.config(body, "binding_config"),
            notify == null || notify,
            request.caller().name());
    return ApiResponse.callReport(
        bound.stream()
            .map(
                b ->
                    ConsumerJson.bound(bindings.get(b.consumerId(), b.repoId(), b.distributorId())))
            .toList());
  }

  private ApiResponse unbind(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    ConsumerEndpoints.refuseUnknown(body, Set.of("force", "options"));
    JsonFields.optionalBoolean(body, "force");
    List<String> members = groups.get(request.param("group")).memberIds();
    bindings.unbindAll(
        members, request.param("repo"), request.param("distributor"), request.caller().name());
    return ApiResponse.callReport(null);
  }
}
