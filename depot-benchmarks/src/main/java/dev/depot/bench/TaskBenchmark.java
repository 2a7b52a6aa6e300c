package dev.depot.bench;

import dev.depot.server.Depot;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.db.Timestamps;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.NoopOperation;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.WorkerTimings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Task throughput and queue-to-start latency, measured end to end through the real queue and
 * workers: no-op tasks queued, claimed, run and finished, on H2 and PostgreSQL, with one worker
 * process and with two.
 *
 * <p>Run with {@code ./benchmark tasks [--tasks N[,N...]] [--concurrency C] [--postgres-url URL]};
 * several queue sizes (default 1,000 and 10,000) show whether throughput stays flat as the queue
 * grows. The durability the server runs with is the one measured: H2 writes every commit.
 */
public final class TaskBenchmark {
  private static final int WARM_UP = 1_000;

  private TaskBenchmark() {}

  /** What one scenario measured. */
  record Figures(
      String database,
      int processes,
      int tasks,
      double tasksPerSecond,
      double p50Millis,
      double p95Millis,
      double maxMillis) {}

  /** Runs the benchmark and prints its figures. */
  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(1_000, 10_000);
    int concurrency = 4;
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    boolean postgres = true;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--tasks" ->
            sizes = java.util.Arrays.stream(args[++i].split(",")).map(Integer::valueOf).toList();
        case "--concurrency" -> concurrency = Integer.parseInt(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        case "--no-postgres" -> postgres = false;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Figures> results = new ArrayList<>();
    for (int tasks : sizes) {
      results.addAll(run(tasks, concurrency, postgres ? pg : null));
    }
    print(results, concurrency);
  }

  /** Runs every scenario; PostgreSQL ones only when {@code pgUrl} is not null. */
  static List<Figures> run(int tasks, int concurrency, String pgUrl) throws Exception {
    List<Figures> results = new ArrayList<>();
    Path dir = Files.createTempDirectory("depot-bench");
    results.add(
        scenario(
            "H2",
            "jdbc:h2:file:" + dir.resolve("h2").resolve("depot"),
            dir,
            1,
            tasks,
            concurrency));
    if (pgUrl != null) {
      for (int processes = 1; processes <= 2; processes++) {
        String schema = "depot_bench_" + UUID.randomUUID().toString().replace("-", "");
        sql(pgUrl, "CREATE SCHEMA " + schema);
        try {
          String url = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
          results.add(scenario("PostgreSQL", url, dir, processes, tasks, concurrency));
        } finally {
          sql(pgUrl, "DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
    return results;
  }

  private static Figures scenario(
      String name, String url, Path dir, int processes, int tasks, int concurrency)
      throws Exception {
    Path data = Files.createTempDirectory(dir, name.toLowerCase(Locale.ROOT));
    ServerConfig config =
        new ServerConfig(
            "127.0.0.1",
            0,
            0,
            data,
            url,
            "bench",
            data.resolve("config"),
            Set.of("worker"),
            "bench-1",
            concurrency,
            30,
            dev.depot.server.config.InputLimits.DEFAULT,
            ServerConfig.DEFAULT_USER_CERT_VALIDITY,
            dev.depot.server.config.PathAllowlists.NONE);
    try (Depot depot = Depot.start(config, WorkerTimings.DEFAULT, Map.of())) {
      Process second = processes == 2 ? secondWorker(data, url, concurrency) : null;
      try {
        if (second != null) {
          awaitWorkers(depot, 2);
        }
        TaskQueue queue = depot.queue();
        // Unmeasured first: the JIT compiles the claim and complete paths, so the figures compare
        // queue sizes, not how warm the JVM was.
        throughput(depot, queue, WARM_UP);
        double throughput = throughput(depot, queue, tasks);
        double[] latency = latency(depot, queue, Math.min(200, tasks));
        return new Figures(name, processes, tasks, throughput, latency[0], latency[1], latency[2]);
      } finally {
        if (second != null) {
          second.destroy();
          second.waitFor();
        }
      }
    }
  }

  /** Queues every task in one transaction, then times the workers draining them. */
  private static double throughput(Depot depot, TaskQueue queue, int tasks) throws Exception {
    List<NewTask> batch = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      batch.add(NoopOperation.task("bench:" + i));
    }
    long before = count(depot);
    long start = System.nanoTime();
    depot.database().jdbi().useTransaction(h -> batch.forEach(t -> queue.enqueue(h, t)));
    queue.wake();
    awaitComplete(depot);
    double seconds = (System.nanoTime() - start) / 1e9;
    requireAllFinished(depot, before + tasks);
    return tasks / seconds;
  }

  /** Queues tasks one at a time, spaced out, and reads queue-to-start times from the tasks. */
  private static double[] latency(Depot depot, TaskQueue queue, int tasks) throws Exception {
    long before = count(depot);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < tasks; i++) {
      ids.add(queue.enqueue(NoopOperation.task("latency:" + i)).taskId());
      Thread.sleep(10);
    }
    awaitComplete(depot);
    requireAllFinished(depot, before + tasks);
    List<Double> millis = new ArrayList<>();
    for (String id : ids) {
      var task = queue.store().find(id).orElseThrow();
      millis.add(java.time.Duration.between(task.queuedTime(), task.startTime()).toNanos() / 1e6);
    }
    millis.sort(Double::compare);
    return new double[] {
      millis.get(millis.size() / 2),
      millis.get((int) Math.min(millis.size() - 1, Math.ceil(millis.size() * 0.95) - 1)),
      millis.get(millis.size() - 1)
    };
  }

  private static long count(Depot depot) {
    return depot
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT COUNT(*) FROM tasks WHERE state = 'finished'")
                    .mapTo(Long.class)
                    .one());
  }

  /**
   * Waits until no task is waiting or running. Each probe is one index lookup, so polling costs the
   * same with 1,000 or 100,000 tasks in the table; counting finished tasks did not, and made larger
   * queues look slower than they are.
   */
  private static void awaitComplete(Depot depot) throws InterruptedException {
    long deadline = System.nanoTime() + 600_000_000_000L;
    while (any(depot, "waiting") || any(depot, "running")) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("tasks did not finish within 10 minutes");
      }
      Thread.sleep(20);
    }
  }

  /**
   * Whether a task is in the state. One probe per state: on H2 2.5, {@code state IN ('waiting',
   * 'running') LIMIT 1} walked the (state, seq) index and answered a finished task.
   */
  private static boolean any(Depot depot, String state) {
    return depot
        .database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery("SELECT task_id FROM tasks WHERE state = :state LIMIT 1")
                    .bind("state", state)
                    .mapTo(String.class)
                    .findOne()
                    .isPresent());
  }

  /** Fails the run when a task did not finish: its figures would not be a no-op's. */
  private static void requireAllFinished(Depot depot, long expected) {
    long finished = count(depot);
    if (finished != expected) {
      throw new IllegalStateException(
          (expected - finished) + " tasks did not finish; see the tasks table");
    }
  }

  private static Process secondWorker(Path data, String url, int concurrency) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            "dev.depot.server.DepotServerMain",
            "--roles",
            "worker",
            "--worker-name",
            "bench-2",
            "--workers",
            String.valueOf(concurrency),
            "--data-dir",
            data.toString(),
            "--database-url",
            url)
        .redirectErrorStream(true)
        .redirectOutput(data.resolve("worker-2.log").toFile())
        .start();
  }

  private static void awaitWorkers(Depot depot, int count) throws InterruptedException {
    for (int i = 0; i < 600; i++) {
      long live =
          depot
              .database()
              .jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT COUNT(*) FROM workers").mapTo(Long.class).one());
      if (live >= count) {
        return;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException("the second worker process did not start");
  }

  private static void sql(String url, String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute(statement);
    }
  }

  static void print(List<Figures> results, int concurrency) {
    System.out.printf(
        "%nDepot task queue benchmark (no-op tasks, %d worker threads per process, %s)%n%n",
        concurrency, Timestamps.format(Timestamps.now()));
    System.out.printf(
        "%-11s %9s %7s %12s %15s %15s %15s%n",
        "database",
        "processes",
        "tasks",
        "tasks/s",
        "start p50 (ms)",
        "start p95 (ms)",
        "start max (ms)");
    for (Figures f : results) {
      System.out.printf(
          Locale.ROOT,
          "%-11s %9d %7d %12.1f %15.1f %15.1f %15.1f%n",
          f.database(),
          f.processes(),
          f.tasks(),
          f.tasksPerSecond(),
          f.p50Millis(),
          f.p95Millis(),
          f.maxMillis());
    }
    System.out.printf(
        "%nH2 runs in one process only (its file is locked), so H2 has no two-process figure.%n"
            + "Peer: Pulp 2 dispatches through a resource manager and Celery over a broker, which"
            + " caps it at a few tasks per second; it cannot run on this machine (no MongoDB or"
            + " Qpid), so its figure is not measured here.%n");
  }
}
