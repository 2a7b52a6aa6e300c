package dev.depot.server.version;

import java.time.Instant;
import java.util.Map;

/**
 * One numbered, immutable state of a repository's content.
 *
 * @param repoId the repository
 * @param number its number: 0 for the repository as created, then one more per change
 * @param created when it was recorded
 * @param taskId the task whose changes it records; null for version 0, and for changes a task left
 *     unrecorded (killed with its process), recorded before the next task on the repository ran
 * @param added units per type it added against the version before it
 * @param removed units per type it removed against the version before it
 * @param contentCounts units per type it holds; null until counted (a version 0 that a migration
 *     made of existing content)
 */
public record RepositoryVersion(
    String repoId,
    long number,
    Instant created,
    String taskId,
    Map<String, Long> added,
    Map<String, Long> removed,
    Map<String, Long> contentCounts) {
  /** Copies the maps. */
  public RepositoryVersion {
    added = Map.copyOf(added);
    removed = Map.copyOf(removed);
    contentCounts = contentCounts == null ? null : Map.copyOf(contentCounts);
  }
}
