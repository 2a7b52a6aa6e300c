package dev.depot.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read-only view of a repository group, handed to every {@link GroupDistributor} call.
 *
 * @param id the group id
 * @param displayName human-readable name, possibly null
 * @param description free text, possibly null
 * @param notes user-defined key/value notes
 * @param repoIds the member repositories' ids, sorted
 * @param workingDir scratch directory of the running task, deleted when it ends; null outside a
 *     task (during validation and add/remove hooks)
 */
public record RepositoryGroup(
    String id,
    String displayName,
    String description,
    Map<String, Object> notes,
    List<String> repoIds,
    Path workingDir) {

  /** Copies the collections. */
  public RepositoryGroup {
    Objects.requireNonNull(id, "id");
    notes = notes == null ? Map.of() : Map.copyOf(notes);
    repoIds = repoIds == null ? List.of() : List.copyOf(repoIds);
  }

  /** A group with only an id and members, handy in tests. */
  public static RepositoryGroup of(String id, List<String> repoIds) {
    return new RepositoryGroup(id, id, null, Map.of(), repoIds, null);
  }

  /** The working directory, if this call runs inside a task. */
  public Optional<Path> workingDirectory() {
    return Optional.ofNullable(workingDir);
  }

  /** The same group with another working directory. */
  public RepositoryGroup withWorkingDir(Path dir) {
    return new RepositoryGroup(id, displayName, description, notes, repoIds, dir);
  }
}
