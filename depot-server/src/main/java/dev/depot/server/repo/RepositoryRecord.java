package dev.depot.server.repo;

import java.time.Instant;
import java.util.Map;

/**
 * A stored repository.
 *
 * @param id the repository id
 * @param oid its 24-hex object id
 * @param displayName human-readable name
 * @param description free text, possibly null
 * @param notes user key/value notes
 * @param scratchpad the repository-wide plugin scratchpad
 * @param lastUnitAdded when a unit was last associated
 * @param lastUnitRemoved when a unit was last unassociated
 */
public record RepositoryRecord(
    String id,
    String oid,
    String displayName,
    String description,
    Map<String, Object> notes,
    Map<String, Object> scratchpad,
    Instant lastUnitAdded,
    Instant lastUnitRemoved) {}
