package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sweep deletes what tasks that are over left, and nothing else. */
class WorkingDirectoriesTest {
  @TempDir Path data;

  @Test
  void theSweepDeletesTheDirectoriesOfTasksThatAreOverOnly() throws Exception {
    WorkingDirectories dirs = new WorkingDirectories(data);
    String running = UUID.randomUUID().toString();
    String crashed = UUID.randomUUID().toString();
    Path kept = dirs.create(running);
    Path left = dirs.create(crashed);
    Files.writeString(Files.createDirectories(left.resolve("puppet")).resolve("m.tar.gz"), "x");
    Path outsider = Files.createDirectories(data.resolve("working/notes"));

    int deleted = dirs.sweep(Set.of(running)::contains);

    assertThat(deleted).isEqualTo(1);
    assertThat(left).doesNotExist();
    assertThat(kept).isDirectory();
    assertThat(outsider).as("not named as a task: not the server's").isDirectory();
  }

  @Test
  void aDataDirectoryWithoutWorkingDirectoriesHasNothingToSweep() {
    assertThat(new WorkingDirectories(data).sweep(id -> false)).isZero();
  }
}
