package dev.depot.server.api;

import dev.depot.server.consumer.BindingRecord;
import dev.depot.server.consumer.Bindings;
import java.util.Map;
import java.util.Set;

/**
 * {@code /consumers/<id>/bindings/} and {@code /repositories/<id>/bindings/}. There is no agent on
 * the consumer to notify, so binding and unbinding take effect at once and answer 200 with a call
 * report and no spawned task, as Pulp does for {@code notify_agent: false}.
 */
final class BindingEndpoints {
  private static final Set<String> BIND_KEYS =
      Set.of("repo_id", "distributor_id", "binding_config", "notify_agent", "options");

  private final Bindings bindings;

  BindingEndpoints(Bindings bindings) {
    this.bindings = bindings;
  }

  void register(Router router) {
    String base = ConsumerJson.CONSUMERS + "{consumer}/bindings/";
    router
        .add("GET", base, this::list)
        .add("POST", base, this::bind)
        .add("GET", base + "{repo}/", this::listForRepo)
        .add("GET", base + "{repo}/{distributor}/", this::get)
        .add("DELETE", base + "{repo}/{distributor}/", this::unbind)
        .add("GET", Representations.API + "repositories/{repo}/bindings/", this::ofRepository);
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(
        bindings.ofConsumer(request.param("consumer"), null).stream()
            .map(ConsumerJson::bound)
            .toList());
  }

  private ApiResponse listForRepo(ApiRequest request) {
    return ApiResponse.ok(
        bindings.ofConsumer(request.param("consumer"), request.param("repo")).stream()
            .map(ConsumerJson::bound)
            .toList());
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(
        ConsumerJson.bound(
            bindings.get(
                request.param("consumer"), request.param("repo"), request.param("distributor"))));
  }

  /** 200 with a call report whose result is the binding, its type and its payload. */
  private ApiResponse bind(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, BIND_KEYS);
    String consumerId = request.param("consumer");
    Boolean notify = JsonFields.optionalBoolean(body, "notify_agent");
    JsonFields.optionalObject(body, "options");
    BindingRecord bound =
        bindings.bind(
            consumerId,
            JsonFields.requiredString(body, "repo_id"),
            JsonFields.requiredString(body, "distributor_id"),
            JsonFields.config(body, "binding_config"),
            notify == null || notify,
            request.caller().name());
    return ApiResponse.callReport(
        ConsumerJson.bound(bindings.get(consumerId, bound.repoId(), bound.distributorId())));
  }

  private ApiResponse unbind(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    ConsumerEndpoints.refuseUnknown(body, Set.of("force", "options"));
    JsonFields.optionalBoolean(body, "force");
    bindings.unbind(
        request.param("consumer"),
        request.param("repo"),
        request.param("distributor"),
        request.caller().name());
    return ApiResponse.callReport(null);
  }

  private ApiResponse ofRepository(ApiRequest request) {
    return ApiResponse.ok(
        bindings.ofRepository(request.param("repo")).stream().map(ConsumerJson::bound).toList());
  }
}
