package dev.depot.server.api;

import dev.depot.server.consumer.BindingRecord;
import dev.depot.server.consumer.Bindings;
import dev.depot.server.consumer.ConsumerRecord;
import dev.depot.server.consumer.HistoryEvent;
import dev.depot.server.db.Timestamps;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pulp's JSON shapes of consumers, bindings and consumer history. */
final class ConsumerJson {
  static final String CONSUMERS = Representations.API + "consumers/";

  private ConsumerJson() {}

  static Map<String, Object> consumer(ConsumerRecord c) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", c.id());
    json.put("display_name", c.displayName());
    json.put("description", c.description());
    json.put("notes", c.notes());
    json.put("capabilities", Map.of());
    json.put("rsa_pub", c.rsaPub());
    json.put("_id", Map.of("$oid", c.oid()));
    json.put("_ns", "consumers");
    json.put("_href", CONSUMERS + c.id() + "/");
    return json;
  }

  /** A binding as stored: Pulp's binding document plus its link. */
  static Map<String, Object> binding(BindingRecord b) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", Map.of("$oid", b.oid()));
    json.put("id", b.oid());
    json.put("consumer_id", b.consumerId());
    json.put("repo_id", b.repoId());
    json.put("distributor_id", b.distributorId());
    json.put("notify_agent", b.notifyAgent());
    json.put("binding_config", b.bindingConfig());
    json.put("consumer_actions", List.of());
    json.put("deleted", false);
    json.put(
        "_href",
        CONSUMERS + b.consumerId() + "/bindings/" + b.repoId() + "/" + b.distributorId() + "/");
    return json;
  }

  /** A binding as read: with the distributor type and its current consumer payload. */
  static Map<String, Object> bound(Bindings.Bound bound) {
    Map<String, Object> json = binding(bound.binding());
    json.put("type_id", bound.typeId());
    json.put("details", bound.details());
    return json;
  }

  static Map<String, Object> history(HistoryEvent e) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("_id", Map.of("$oid", e.oid()));
    json.put("id", e.oid());
    json.put("_ns", "consumer_history");
    json.put("consumer_id", e.consumerId());
    json.put("type", e.type());
    json.put("details", e.details());
    json.put("originator", e.originator());
    json.put("timestamp", Timestamps.format(e.timestamp()));
    return json;
  }
}
