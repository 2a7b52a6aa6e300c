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
 * @param latestVersion the number of its latest version
 * @param retainVersions how many versions it keeps, or null for all
 */
public record RepositoryRecord(
    String id,
    String oid,
    String displayName,
    String description,
    Map<String, Object> notes,
    Map<String, Object> scratchpad,
    Instant lastUnitAdded,
    Instant lastUnitRemoved,
    long latestVersion,
    Integer retainVersions) {
  /** A repository record without version details (those are read from the database). */
  public RepositoryRecord(
      String id,
      String oid,
      String displayName,
      String description,
      Map<String, Object> notes,
      Map<String, Object> scratchpad,
      Instant lastUnitAdded,
      Instant lastUnitRemoved) {
    this(
        id,
        oid,
        displayName,
        description,
        notes,
        scratchpad,
        lastUnitAdded,
        lastUnitRemoved,
        0,
        null);
  }
}
