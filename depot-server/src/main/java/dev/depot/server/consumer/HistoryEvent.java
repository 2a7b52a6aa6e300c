package dev.depot.server.consumer;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of a consumer's history.
 *
 * @param oid the entry's object id
 * @param consumerId the consumer
 * @param type {@code registered}, {@code unregistered}, {@code repo_bound}, {@code repo_unbound}
 * @param originator who caused it: a user login, a consumer id, or {@code SYSTEM}
 * @param details what happened, e.g. {@code {repo_id, distributor_id}}, or null
 * @param timestamp when
 */
public record HistoryEvent(
    String oid,
    String consumerId,
    String type,
    String originator,
    Map<String, Object> details,
    Instant timestamp) {
  /** The event types Pulp's consumer history knows; Depot records the first four. */
  public static final java.util.List<String> TYPES =
      java.util.List.of(
          "registered",
          "unregistered",
          "repo_bound",
          "repo_unbound",
          "content_unit_installed",
          "content_unit_uninstalled",
          "unit_profile_changed",
          "added_to_group",
          "removed_from_group");
}
