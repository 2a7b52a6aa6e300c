package dev.depot.publish.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.publish.files.AtomicMove.Durability;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Moves on the real file system: what a reader of the target sees, and what is refused. */
class AtomicMoveTest {
  @TempDir Path dir;

  @Test
  void aReplacedFileIsAlwaysTheOldOrTheNewOneWhole() throws Exception {
    Path target = Files.writeString(dir.resolve("served.txt"), "old".repeat(10_000));
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger reads = new AtomicInteger();
    Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Thread reader =
        Thread.ofPlatform()
            .start(
                () -> {
                  while (writing.get()) {
                    try {
                      seen.add(Files.readString(target).substring(0, 3) + Files.size(target));
                      reads.incrementAndGet();
                    } catch (NoSuchFileException e) {
                      seen.add("missing");
                    } catch (Exception e) {
                      seen.add("broken: " + e);
                    }
                  }
                });
    for (int i = 0; i < 300 || reads.get() < 300; i++) {
      String content = (i % 2 == 0 ? "new" : "old").repeat(10_000);
      Path temp = Files.writeString(dir.resolve(".served.txt.tmp-" + i), content);
      AtomicMove.replaceFile(temp, target, i % 3 == 0 ? Durability.SYNCED : Durability.CACHED);
    }
    writing.set(false);
    reader.join();

    // Both contents were read while the moves went on, and nothing else ever was.
    assertThat(seen).containsExactlyInAnyOrder("old30000", "new30000");
    assertThat(dir).isDirectoryNotContaining("glob:**.tmp-*");
  }

  @Test
  void aDirectoryMovesWholeAndTheSourceIsGone() throws Exception {
    Path building = Files.createDirectories(dir.resolve(".building/a/b"));
    Files.writeString(building.resolve("unit.iso"), "unit");

    AtomicMove.move(dir.resolve(".building"), dir.resolve("tree-1"));

    assertThat(dir.resolve("tree-1/a/b/unit.iso")).hasContent("unit");
    assertThat(dir.resolve(".building")).doesNotExist();
  }

  @Test
  void aSymbolicLinkIsSwitchedInOneStep() throws Exception {
    Path one = Files.createDirectories(dir.resolve("tree-1"));
    Path two = Files.createDirectories(dir.resolve("tree-2"));
    Path served = Files.createSymbolicLink(dir.resolve("served"), one);
    Path next = Files.createSymbolicLink(dir.resolve(".served.next"), two);

    AtomicMove.move(next, served);

    assertThat(Files.readSymbolicLink(served)).isEqualTo(two);
    assertThat(next).doesNotExist();
  }

  @Test
  void aTemporaryFileOutsideTheTargetsDirectoryIsRefused() throws Exception {
    Path target = Files.writeString(dir.resolve("key.pem"), "old");
    Path elsewhere =
        Files.writeString(Files.createDirectories(dir.resolve("tmp")).resolve("k"), "new");

    assertThatThrownBy(() -> AtomicMove.replaceFile(elsewhere, target, Durability.SYNCED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the directory of");
    assertThat(target).hasContent("old");
    assertThat(elsewhere).hasContent("new");
  }

  @Test
  void aMoveToAnotherFileSystemIsRefusedAndMovesNothing() throws Exception {
    Path shm = Path.of("/dev/shm");
    Assumptions.assumeTrue(Files.isWritable(shm), "no /dev/shm here");
    Assumptions.assumeFalse(
        Files.getFileStore(shm).equals(Files.getFileStore(dir)), "/dev/shm is this file system");
    Path other = Files.createTempDirectory(shm, "atomic-move-test");
    try {
      Path source = Files.writeString(dir.resolve("big.iso"), "bytes");
      Path target = other.resolve("big.iso");

      assertThatThrownBy(() -> AtomicMove.move(source, target))
          .isInstanceOf(AtomicMoveNotSupportedException.class);
      assertThat(source).hasContent("bytes");
      assertThat(target).doesNotExist();
    } finally {
      Set<Path> left = new HashSet<>();
      try (var files = Files.list(other)) {
        files.forEach(left::add);
      }
      for (Path file : left) {
        Files.delete(file);
      }
      Files.delete(other);
    }
  }
}
