package dev.depot.server.group;

import dev.depot.plugin.PublishedLocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A distributor attached to a repository group.
 *
 * @param groupId the group
 * @param id the distributor id, unique within the group
 * @param oid the Mongo-style object id Pulp clients see as {@code _id}
 * @param typeId the group distributor plugin's id
 * @param config the stored configuration
 * @param lastPublish when it last published (whatever the outcome), or null
 * @param published where its last successful publish can be reached, as it reported; null if it
 *     never reported
 */
public record GroupDistributorRecord(
    String groupId,
    String id,
    String oid,
    String typeId,
    Map<String, Object> config,
    Instant lastPublish,
    List<PublishedLocation> published) {}
