package dev.depot.plugin;

import java.util.Map;
import java.util.Optional;

/**
 * State that outlives one call. A plugin instance is never reused, so anything a later call needs
 * (what was last published, a sync token) goes here.
 *
 * <p>Each (repository, importer) and (repository, distributor) pair has its own scratchpad; the
 * repository scratchpad is shared by every plugin of the repository (use it sparingly: it couples
 * plugins). Values are JSON objects. Implemented by the platform and by test doubles.
 */
public interface Scratchpads {
  /** This plugin's scratchpad on this repository, empty if never set. */
  Optional<Map<String, Object>> scratchpad();

  /** Replaces this plugin's scratchpad. */
  void setScratchpad(Map<String, Object> value);

  /** The repository-wide scratchpad (empty map if never set). */
  Map<String, Object> repoScratchpad();

  /** Replaces the repository-wide scratchpad. */
  void setRepoScratchpad(Map<String, Object> value);

  /** Merges keys into the repository-wide scratchpad, keeping the others. */
  void updateRepoScratchpad(Map<String, Object> changes);
}
