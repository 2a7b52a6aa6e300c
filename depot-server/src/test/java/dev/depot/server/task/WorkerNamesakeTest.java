package dev.depot.server.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.db.Database;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A worker restarting right after a crash finds its previous run's fresh heartbeat and waits one
 * heartbeat period to tell a dead namesake from a live one: on H2 and PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class WorkerNamesakeTest {
  private static final WorkerTimings TIMINGS = new WorkerTimings(100, 750, 100, 3);

  @Parameter TestDatabase kind;
  @TempDir Path dir;

  String url;
  Database database;
  TaskStore store;

  @BeforeEach
  void open() {
    url = kind.freshUrl(dir);
    database = Database.open(url);
    store = new TaskStore(database.jdbi(), database.dialect());
  }

  @AfterEach
  void close() {
    database.close();
    kind.drop(url);
  }

  private Workers worker() {
    return new Workers(
        "w1", 1, new TaskQueue(database.jdbi(), store), Map.of(), TIMINGS, () -> {}, (t, s) -> {});
  }

  @Test
  void aDeadNamesakeReapedWhileWeWaitDoesNotStopTheStart() throws Exception {
    store.heartbeat("w1", 1, Instant.now()); // the crashed run's last beat
    try (Workers restarted = worker()) {
      CompletableFuture<Void> start = CompletableFuture.runAsync(restarted::start);
      Thread.sleep(300);
      store.reapLostWorkers(0, null); // another process's lost-worker check

      start.get(10, TimeUnit.SECONDS);
      // On a loaded machine the other process's check can come after this run's first beat and
      // take it too (its timeout is 0 here); the next beat, 100 ms on, lists the worker again.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
      while (store.lastHeartbeat("w1").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(store.lastHeartbeat("w1")).as("this run's own heartbeat").isPresent();
    }
  }

  @Test
  void aNamesakeThatKeepsBeatingIsRefused() throws Exception {
    store.heartbeat("w1", 1, Instant.now());
    CompletableFuture<Void> beating =
        CompletableFuture.runAsync(
            () -> {
              for (int i = 0; i < 10; i++) {
                try {
                  Thread.sleep(200);
                } catch (InterruptedException e) {
                  return;
                }
                store.heartbeat("w1", 1, Instant.now());
              }
            });
    try (Workers second = worker()) {
      assertThatThrownBy(second::start).hasMessageContaining("worker name w1 is in use");
    }
    beating.get(10, TimeUnit.SECONDS);
  }

  @Test
  void theLostWorkersTasksAreNamedByWorker() {
    store.heartbeat("gone", 1, Instant.now());
    String id =
        database
            .jdbi()
            .inTransaction(
                h ->
                    store
                        .insert(
                            h,
                            new NewTask("noop", null, java.util.List.of(), Map.of()),
                            Instant.now())
                        .taskId());
    assertThat(store.claim("gone")).isPresent();

    assertThat(store.reapLostWorkers(0, null)).isEqualTo(Map.of("gone", java.util.List.of(id)));
    assertThat(store.find(id).orElseThrow().state()).isEqualTo(TaskState.ERROR);
  }
}
