package dev.depot.server.event;

import java.util.List;
import java.util.Map;

/**
 * An event listener: where to tell of which events.
 *
 * @param id its 24-hex id
 * @param notifierTypeId how to tell ({@code http})
 * @param notifierConfig the notifier's settings ({@code url}, {@code username}, {@code password})
 * @param eventTypes the event types it hears, or {@code *} for all
 */
public record EventListenerRecord(
    String id, String notifierTypeId, Map<String, Object> notifierConfig, List<String> eventTypes) {

  /** Whether this listener hears the event type. */
  public boolean hears(String eventType) {
    return eventTypes.contains("*") || eventTypes.contains(eventType);
  }
}
