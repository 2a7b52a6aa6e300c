package dev.depot.plugin;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of a repository, handed to every plugin call.
 *
 * @param id the repository id
 * @param displayName human-readable name
 * @param description free text, possibly null
 * @param notes user-defined key/value notes
 * @param workingDir scratch directory of the running task, deleted when it ends; null outside a
 *     task (during validation and add/remove hooks)
 * @param contentUnitCounts number of units per type id
 * @param lastUnitAdded when a unit was last associated, or null
 * @param lastUnitRemoved when a unit was last unassociated, or null
 */
public record Repository(
    String id,
    String displayName,
    String description,
    Map<String, Object> notes,
    Path workingDir,
    Map<String, Long> contentUnitCounts,
    Instant lastUnitAdded,
    Instant lastUnitRemoved) {

  /** Copies the maps. */
  public Repository {
    Objects.requireNonNull(id, "id");
    notes = notes == null ? Map.of() : Map.copyOf(notes);
    contentUnitCounts = contentUnitCounts == null ? Map.of() : Map.copyOf(contentUnitCounts);
  }

  /** A repository with only an id, handy in tests. */
  public static Repository named(String id) {
    return new Repository(id, id, null, Map.of(), null, Map.of(), null, null);
  }

  /** The working directory, if this call runs inside a task. */
  public Optional<Path> workingDirectory() {
    return Optional.ofNullable(workingDir);
  }

  /** The same repository with another working directory. */
  public Repository withWorkingDir(Path dir) {
    return new Repository(
        id,
        displayName,
        description,
        notes,
        dir,
        contentUnitCounts,
        lastUnitAdded,
        lastUnitRemoved);
  }
}
