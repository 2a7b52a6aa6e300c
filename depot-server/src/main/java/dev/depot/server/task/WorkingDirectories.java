package dev.depot.server.task;

import dev.depot.plugin.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per-task scratch directories under {@code <data>/working/}, deleted when the task ends, whatever
 * the outcome; plugins keep nothing there. A process killed mid-task cannot delete its tasks'
 * directories (a sync's downloads, a publish's staged tree: gigabytes at times), so workers {@link
 * #sweep} the directories of tasks that are over.
 */
public final class WorkingDirectories {
  private static final Logger LOG = LoggerFactory.getLogger(WorkingDirectories.class);

  private static final Pattern TASK_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

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

  /**
   * Deletes the directories of tasks that are no longer waiting or running: those a killed process
   * left. A directory is named after its task's id; entries named otherwise are not the server's
   * and stay.
   *
   * @param active whether the task of that id is waiting or running (its directory stays)
   * @return how many directories were deleted
   */
  public int sweep(Predicate<String> active) {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return 0;
    }
    List<Path> dirs;
    try (Stream<Path> entries = Files.list(root)) {
      dirs = entries.filter(d -> TASK_ID.matcher(d.getFileName().toString()).matches()).toList();
    } catch (IOException e) {
      LOG.warn("Could not list working directories in {}: {}", root, e.toString());
      return 0;
    }
    int deleted = 0;
    for (Path dir : dirs) {
      if (!active.test(dir.getFileName().toString())) {
        LOG.info("Deleting working directory {}: its task is over", dir);
        delete(dir);
        deleted++;
      }
    }
    return deleted;
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
