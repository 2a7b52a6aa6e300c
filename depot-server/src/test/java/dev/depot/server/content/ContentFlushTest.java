package dev.depot.server.content;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Unit;
import dev.depot.publish.files.FileSystemFlush;
import dev.depot.server.db.Database;
import dev.depot.server.db.Timestamps;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Unit files reach the disk before the rows that name them commit, on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ContentFlushTest {
  @Parameter TestDatabase kind;
  @TempDir Path dir;

  String url;
  Database database;

  @BeforeEach
  void open() {
    url = kind.freshUrl(dir);
    database = Database.open(url);
    IsoFixture.create(database.jdbi(), "a");
  }

  @AfterEach
  void close() {
    database.close();
    kind.drop(url);
  }

  private Unit storedIso(String name) throws Exception {
    ContentStore store = new ContentStore(dir.resolve("data"));
    Unit unit =
        store.newUnit(
            "iso", Map.of("name", name, "checksum", "c" + name, "size", 3L), Map.of(), name);
    Files.createDirectories(unit.storagePath().getParent());
    Files.writeString(unit.storagePath(), "abc");
    return unit;
  }

  private long unitRows() {
    return database
        .jdbi()
        .withHandle(h -> h.select("SELECT count(*) FROM units").mapTo(Long.class).one());
  }

  @Test
  void theRowsCommitOnlyAfterTheirFilesAreFlushed() throws Exception {
    List<List<Path>> flushed = new ArrayList<>();
    List<Long> rowsWhileFlushing = new ArrayList<>();
    UnitStore units =
        new UnitStore(
            new ContentFlush(
                (onIt, files) -> {
                  flushed.add(files);
                  rowsWhileFlushing.add(unitRows()); // another connection: sees commits only
                }));
    Unit one = storedIso("one.iso");
    Unit two = storedIso("two.iso");

    database
        .jdbi()
        .useTransaction(h -> units.saveAllWithFiles(h, List.of(one, two), Timestamps.now()));
    Unit three = storedIso("three.iso");
    database.jdbi().useTransaction(h -> units.saveWithFiles(h, three, Timestamps.now()));

    assertThat(flushed)
        .containsExactly(
            List.of(one.storagePath(), two.storagePath()), List.of(three.storagePath()));
    assertThat(rowsWhileFlushing).containsExactly(0L, 2L);
    assertThat(unitRows()).isEqualTo(3);
  }

  @Test
  void unitsWithoutFilesNeedNoFlush() {
    List<Path> flushed = new ArrayList<>();
    ContentFlush flush = new ContentFlush((onIt, files) -> flushed.addAll(files));

    flush.flush(List.of(new Unit(null, "erratum", Map.of("id", "E1"), Map.of(), null)));

    assertThat(flushed).isEmpty();
  }

  /** Each caller returns only after a flush that began once it had arrived; they share flushes. */
  @Test
  void concurrentSavesShareFlushesThatCoverThem() throws Exception {
    record Span(long start, long end) {}
    List<Span> runs = Collections.synchronizedList(new ArrayList<>());
    List<Span> callers = Collections.synchronizedList(new ArrayList<>());
    ContentFlush flush =
        new ContentFlush(
            (onIt, files) -> {
              long start = System.nanoTime();
              try {
                Thread.sleep(40);
              } catch (InterruptedException e) {
                throw new java.io.InterruptedIOException();
              }
              runs.add(new Span(start, System.nanoTime()));
            });
    Unit unit = storedIso("shared.iso");
    CountDownLatch go = new CountDownLatch(1);
    try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 12; i++) {
        pool.execute(
            () -> {
              try {
                go.await();
              } catch (InterruptedException e) {
                return;
              }
              long arrived = System.nanoTime();
              flush.flush(List.of(unit));
              callers.add(new Span(arrived, System.nanoTime()));
            });
      }
      go.countDown();
    }

    assertThat(callers).hasSize(12);
    assertThat(runs).hasSizeLessThan(12);
    for (Span caller : callers) {
      assertThat(runs)
          .as("a flush that began after the caller arrived and ended before it returned")
          .anySatisfy(
              run -> {
                assertThat(run.start()).isGreaterThanOrEqualTo(caller.start());
                assertThat(run.end()).isLessThanOrEqualTo(caller.end());
              });
    }
  }

  @Test
  void theSystemCommandAndTheFsyncFallbackBothFlush() throws Exception {
    Unit file = storedIso("plain.iso");
    Unit gone = storedIso("gone.iso");
    Files.delete(gone.storagePath()); // an orphan cleanup's doing: the save reports it, not this
    Path tree = Files.createDirectories(dir.resolve("data/content/units/tree/ab/abcd/images"));
    Files.writeString(tree.resolve("boot.img"), "boot");
    Unit directory = new Unit(null, "tree", Map.of("id", "t"), Map.of(), tree.getParent());

    new ContentFlush(FileSystemFlush.system()).flush(List.of(file, gone, directory));
    new ContentFlush(FileSystemFlush.withCommand(List.of(dir.resolve("no-command").toString())))
        .flush(List.of(file, gone, directory));
  }
}
