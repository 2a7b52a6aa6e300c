package dev.depot.server.group;

import java.util.List;
import java.util.Map;

/**
 * A stored group.
 *
 * @param id the group id
 * @param oid the Mongo-style object id Pulp clients see as {@code _id}
 * @param displayName the display name, or null
 * @param description the description, or null
 * @param notes the notes
 * @param memberIds the members' ids, sorted
 */
public record GroupRecord(
    String id,
    String oid,
    String displayName,
    String description,
    Map<String, Object> notes,
    List<String> memberIds) {}
