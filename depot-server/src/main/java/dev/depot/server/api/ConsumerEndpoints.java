package dev.depot.server.api;

import dev.depot.plugin.Platform;
import dev.depot.server.consumer.Bindings;
import dev.depot.server.consumer.ConsumerCollection;
import dev.depot.server.consumer.ConsumerHistory;
import dev.depot.server.consumer.ConsumerRecord;
import dev.depot.server.consumer.Consumers;
import dev.depot.server.consumer.HistoryEvent;
import dev.depot.server.consumer.NewConsumer;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.history.HistoryQuery;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.search.Search;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /consumers/}: register, list, search, read, update, unregister; consumer history. */
final class ConsumerEndpoints {
  private static final Set<String> REGISTER_KEYS =
      Set.of("id", "display_name", "description", "notes", "rsa_pub");
  private static final Set<String> DELTA_KEYS = Set.of("display_name", "description", "notes");

  private final Consumers consumers;
  private final ConsumerHistory history;
  private final PluginRegistry plugins;
  private final Bindings bindings;
  private final Search search;
  private final ConsumerCollection collection = new ConsumerCollection(ConsumerJson::consumer);

  ConsumerEndpoints(
      Consumers consumers,
      ConsumerHistory history,
      PluginRegistry plugins,
      Bindings bindings,
      Search search) {
    this.consumers = consumers;
    this.history = history;
    this.plugins = plugins;
    this.bindings = bindings;
    this.search = search;
  }

  void register(Router router) {
    String base = ConsumerJson.CONSUMERS;
    router
        .add("GET", base, this::list)
        .add("POST", base, this::create)
        .add("GET", base + "search/", this::search)
        .add("POST", base + "search/", this::search)
        .add("GET", base + "{consumer}/", this::get)
        .add("PUT", base + "{consumer}/", this::update)
        .add("DELETE", base + "{consumer}/", this::delete)
        .add("GET", base + "{consumer}/history/", this::history);
  }

  /** Refuses keys a request does not know, naming them (a typo must not pass silently). */
  static void refuseUnknown(Map<String, Object> body, Set<String> known) {
    List<String> unknown = body.keySet().stream().filter(k -> !known.contains(k)).sorted().toList();
    if (!unknown.isEmpty()) {
      throw InvalidValue.of(
          "Unknown properties: "
              + unknown
              + "; expected some of "
              + known.stream().sorted().toList(),
          unknown.toArray(String[]::new));
    }
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(
        consumers.list().stream().map(c -> expanded(c, withBindings(request))).toList());
  }

  /** {@code ?details=true} or {@code ?bindings=true} adds the consumer's bindings, as in Pulp. */
  private static boolean withBindings(ApiRequest request) {
    return request.flag("details") || request.flag("bindings");
  }

  private Map<String, Object> expanded(ConsumerRecord consumer, boolean withBindings) {
    Map<String, Object> json = ConsumerJson.consumer(consumer);
    if (withBindings) {
      json.put(
          "bindings",
          bindings.ofConsumer(consumer.id(), null).stream().map(ConsumerJson::bound).toList());
    }
    return json;
  }

  private ApiResponse create(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    refuseUnknown(body, REGISTER_KEYS);
    Consumers.Registration registration =
        consumers.register(
            new NewConsumer(
                body.get("id"),
                JsonFields.optionalString(body, "display_name"),
                JsonFields.optionalString(body, "description"),
                JsonFields.notes(body, "notes"),
                JsonFields.optionalString(body, "rsa_pub")),
            request.caller().name());
    Map<String, Object> consumer = ConsumerJson.consumer(registration.consumer());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("consumer", consumer);
    // Pulp's bundle: the key, then the certificate.
    json.put(
        "certificate",
        registration.certificate().privateKeyPem() + registration.certificate().certificatePem());
    // Depot's addition: where and how the consumer reaches the server as itself.
    Platform platform = plugins.platform();
    Map<String, Object> server = new LinkedHashMap<>();
    server.put("https_url", platform.baseUrl("https").map(Object::toString).orElse(null));
    server.put("ca_certificate", platform.caCertificatePem());
    json.put("server", server);
    return new ApiResponse(201, json, (String) consumer.get("_href"));
  }

  /** {@code search/}: criteria over consumers; {@code details} or {@code bindings} adds those. */
  private ApiResponse search(ApiRequest request) {
    SearchRequest search = SearchRequest.read(request, collection, Set.of("details", "bindings"));
    boolean withBindings = search.flag("details") || search.flag("bindings");
    return search.answer(
        this.search,
        collection,
        json -> {
          if (withBindings) {
            json.put(
                "bindings",
                bindings.ofConsumer((String) json.get("id"), null).stream()
                    .map(ConsumerJson::bound)
                    .toList());
          }
          return json;
        });
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(
        expanded(consumers.get(request.param("consumer")), withBindings(request)));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    refuseUnknown(body, Set.of("delta"));
    Map<String, Object> delta = JsonFields.optionalObject(body, "delta");
    if (delta == null) {
      throw InvalidValue.missing("delta");
    }
    refuseUnknown(delta, DELTA_KEYS);
    return ApiResponse.ok(
        ConsumerJson.consumer(
            consumers.update(
                request.param("consumer"),
                JsonFields.optionalString(delta, "display_name"),
                JsonFields.optionalString(delta, "description"),
                JsonFields.notes(delta, "notes"))));
  }

  private ApiResponse delete(ApiRequest request) {
    consumers.unregister(request.param("consumer"), request.caller().name());
    return ApiResponse.deleted();
  }

  private ApiResponse history(ApiRequest request) {
    String id = request.param("consumer");
    // An unregistered consumer's history stays readable, so only a consumer never seen is a 404.
    if (!history.known(id)) {
      throw MissingResource.of("consumer", id);
    }
    List<String> types = request.query().getOrDefault("event_type", List.of());
    for (String type : types) {
      if (!HistoryEvent.TYPES.contains(type)) {
        throw InvalidValue.of(
            "Unknown event_type " + type + "; expected one of " + HistoryEvent.TYPES, "event_type");
      }
    }
    HistoryQuery query = HistoryEndpoints.query(request);
    return ApiResponse.ok(
        history
            .list(
                id,
                new ConsumerHistory.Query(
                    types, query.startDate(), query.endDate(), query.limit(), query.ascending()))
            .stream()
            .map(ConsumerJson::history)
            .toList());
  }
}
