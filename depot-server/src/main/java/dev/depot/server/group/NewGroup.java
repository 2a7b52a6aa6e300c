package dev.depot.server.group;

import java.util.List;
import java.util.Map;

/**
 * A group to create, as the request gave it.
 *
 * @param id the requested id, unchecked (a non-string is refused as an invalid id)
 * @param displayName the display name, or null
 * @param description the description, or null
 * @param notes the notes, or null
 * @param memberIds the first members' ids; each must exist
 */
public record NewGroup(
    Object id,
    String displayName,
    String description,
    Map<String, Object> notes,
    List<String> memberIds) {}
