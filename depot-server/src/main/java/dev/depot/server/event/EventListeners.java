package dev.depot.server.event;

import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.repo.Configs;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Event listeners (Pulp's notifier framework): create, read, update, delete, and match. */
public final class EventListeners {
  /** The event types the server fires, and {@code *} for all of them. */
  public static final List<String> EVENT_TYPES =
      List.of(
          "repo.sync.start", "repo.sync.finish", "repo.publish.start", "repo.publish.finish", "*");

  private final Jdbi jdbi;

  /** Binds the listeners to the database. */
  public EventListeners(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Creates a listener after checking its notifier type, config and event types. */
  public EventListenerRecord create(
      String notifierTypeId, Map<String, Object> config, List<?> eventTypes) {
    if (!"http".equals(notifierTypeId)) {
      throw InvalidValue.of(
          "notifier_type_id must be http (the only notifier Depot has), not " + notifierTypeId,
          "notifier_type_id");
    }
    EventListenerRecord listener =
        new EventListenerRecord(
            ObjectIds.next(), notifierTypeId, checkConfig(config), checkTypes(eventTypes));
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "INSERT INTO event_listeners (listener_id, notifier_type_id, notifier_config,"
                        + " event_types, created) VALUES (:id, :type, :config, :types, :now)")
                .bind("id", listener.id())
                .bind("type", notifierTypeId)
                .bind("config", Json.write(listener.notifierConfig()))
                .bind("types", Json.write(listener.eventTypes()))
                .bind("now", Timestamps.arg(Timestamps.now()))
                .execute());
    return listener;
  }

  /** Every listener, oldest first. */
  public List<EventListenerRecord> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM event_listeners ORDER BY created, listener_id")
                .map((rs, ctx) -> listener(rs))
                .list());
  }

  /** The listeners that hear an event type. */
  public List<EventListenerRecord> hearing(String eventType) {
    return list().stream().filter(l -> l.hears(eventType)).toList();
  }

  /** One listener. */
  public EventListenerRecord get(String id) {
    return jdbi.withHandle(h -> require(h, id));
  }

  /**
   * Changes the config (merged; a null value removes a key) and/or the event types; the notifier
   * type cannot change.
   */
  public EventListenerRecord update(String id, Map<String, Object> config, List<?> eventTypes) {
    jdbi.useTransaction(
        h -> {
          EventListenerRecord current = require(h, id);
          Map<String, Object> merged =
              config == null
                  ? current.notifierConfig()
                  : Configs.merge(current.notifierConfig(), config);
          h.createUpdate(
                  "UPDATE event_listeners SET notifier_config = :config, event_types = :types"
                      + " WHERE listener_id = :id")
              .bind("id", id)
              .bind("config", Json.write(checkConfig(merged)))
              .bind(
                  "types",
                  Json.write(eventTypes == null ? current.eventTypes() : checkTypes(eventTypes)))
              .execute();
        });
    return get(id);
  }

  /** Deletes a listener. */
  public void delete(String id) {
    jdbi.useHandle(
        h -> {
          require(h, id);
          h.createUpdate("DELETE FROM event_listeners WHERE listener_id = :id")
              .bind("id", id)
              .execute();
        });
  }

  private static EventListenerRecord require(Handle h, String id) {
    return h.createQuery("SELECT * FROM event_listeners WHERE listener_id = :id")
        .bind("id", id)
        .map((rs, ctx) -> listener(rs))
        .findOne()
        .orElseThrow(() -> MissingResource.of("event_listener", id));
  }

  private static Map<String, Object> checkConfig(Map<String, Object> config) {
    if (config == null || !(config.get("url") instanceof String url)) {
      throw InvalidValue.of("notifier_config needs a url (text)", "notifier_config");
    }
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw InvalidValue.of("notifier_config.url is not a URL: " + url, "notifier_config");
    }
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw InvalidValue.of("notifier_config.url must be http or https: " + url, "notifier_config");
    }
    if (uri.getRawUserInfo() != null) {
      // Kept there, the password would be shown to whoever lists the listeners; the password key
      // is masked. Not quoted back either.
      throw InvalidValue.of(
          "notifier_config.url must not carry credentials; give username and password instead",
          "notifier_config");
    }
    for (String key : List.of("username", "password")) {
      if (config.get(key) != null && !(config.get(key) instanceof String)) {
        throw InvalidValue.of("notifier_config." + key + " must be text", "notifier_config");
      }
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    config.forEach(
        (k, v) -> {
          if (v != null) {
            copy.put(k, v);
          }
        });
    return copy;
  }

  private static List<String> checkTypes(List<?> eventTypes) {
    if (eventTypes == null || eventTypes.isEmpty()) {
      throw InvalidValue.of("event_types must list at least one event type", "event_types");
    }
    for (Object type : eventTypes) {
      if (!(type instanceof String) || !EVENT_TYPES.contains(type)) {
        throw InvalidValue.of(
            "Unknown event type " + type + "; expected some of " + EVENT_TYPES, "event_types");
      }
    }
    return eventTypes.stream().map(String.class::cast).distinct().toList();
  }

  private static EventListenerRecord listener(ResultSet rs) throws SQLException {
    return new EventListenerRecord(
        rs.getString("listener_id"),
        rs.getString("notifier_type_id"),
        Json.readMap(rs.getString("notifier_config")),
        Json.readList(rs.getString("event_types")).stream().map(String::valueOf).toList());
  }
}
