package dev.depot.server.api;

import dev.depot.server.event.EventListenerRecord;
import dev.depot.server.event.EventListeners;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** {@code /events/}: event listeners. Passwords never leave the server. */
final class EventEndpoints {
  private static final String BASE = Representations.API + "events/";

  private final EventListeners listeners;

  EventEndpoints(EventListeners listeners) {
    this.listeners = listeners;
  }

  void register(Router router) {
    router
        .add("GET", BASE, this::list)
        .add("POST", BASE, this::create)
        .add("GET", BASE + "{listener}/", this::get)
        .add("PUT", BASE + "{listener}/", this::update)
        .add("DELETE", BASE + "{listener}/", this::delete);
  }

  static Map<String, Object> json(EventListenerRecord l) {
    Map<String, Object> config = new LinkedHashMap<>(l.notifierConfig());
    if (config.containsKey("password")) {
      config.put("password", "*****");
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", l.id());
    json.put("_id", Map.of("$oid", l.id()));
    json.put("_ns", "event_listeners");
    json.put("notifier_type_id", l.notifierTypeId());
    json.put("notifier_config", config);
    json.put("event_types", l.eventTypes());
    json.put("_href", BASE + l.id() + "/");
    return json;
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(listeners.list().stream().map(EventEndpoints::json).toList());
  }

  private ApiResponse create(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(
        body, Set.of("notifier_type_id", "notifier_config", "event_types"));
    return ApiResponse.created(
        json(
            listeners.create(
                JsonFields.requiredString(body, "notifier_type_id"),
                JsonFields.config(body, "notifier_config"),
                JsonFields.optionalList(body, "event_types"))));
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(json(listeners.get(request.param("listener"))));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("notifier_config", "event_types"));
    return ApiResponse.ok(
        json(
            listeners.update(
                request.param("listener"),
                JsonFields.config(body, "notifier_config"),
                JsonFields.optionalList(body, "event_types"))));
  }

  private ApiResponse delete(ApiRequest request) {
    listeners.delete(request.param("listener"));
    return ApiResponse.deleted();
  }
}
