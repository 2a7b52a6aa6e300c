package dev.depot.server.task;

import dev.depot.plugin.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-task scratch directories under {@code <data>/working/}, deleted when the task ends, whatever
 * the outcome; plugins keep nothing there.
 */
public final class WorkingDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(WorkingDirectories.class);

  private final Path root;

  /**
   * @param dataDir the server's data directory
   */
  public WorkingDirectories(Path dataDir) {
    this.root = dataDir.resolve("working").toAbsolutePath();
  }

  /** Creates the task's directory. */
  public Path create(String taskId) {
    try {
      return Files.createDirectories(root.resolve(taskId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the working directory of task " + taskId, e);
    }
  }

  /** Deletes a task's directory and everything in it; symlinks are removed, not followed. */
  public void delete(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      LOG.warn("Could not delete working directory {}: {}", dir, e.toString());
    }
  }
}
