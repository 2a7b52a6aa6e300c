package dev.depot.bench;

import dev.depot.server.db.Timestamps;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Publishing a large {@code iso} repository: units are put straight into the database in batches
 * (their files are not written: a publish only links to storage paths), then one publish runs
 * through the REST API and the real worker. Prints seconds, units per second and the peak heap seen
 * during the publish; {@code ./benchmark publish} runs it with the heap capped at 256 MB.
 *
 * <p>Goal (issue #4): 1,000,000 units in under 30 s with a 256 MB heap.
 */
public final class PublishBenchmark {
  private PublishBenchmark() {}

  /** Runs the benchmark: {@code [--units 100000,1000000] [--h2 | --postgres-url URL]}. */
  public static void main(String[] args) throws Exception {
    List<Integer> sizes = List.of(100_000, 1_000_000);
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--units" ->
            sizes = List.of(args[++i].split(",")).stream().map(Integer::parseInt).toList();
        case "--postgres-url" -> pg = args[++i];
        case "--h2" -> pg = null;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    long maxHeap = Runtime.getRuntime().maxMemory();
    System.out.printf(
        Locale.ROOT,
        "Publish benchmark: iso_distributor, %s, max heap %d MB%n",
        pg == null ? "H2" : "PostgreSQL",
        maxHeap >> 20);
    System.out.printf(
        Locale.ROOT,
        "%-10s %10s %12s %14s %10s%n",
        "units",
        "seconds",
        "units/s",
        "peak heap MB",
        "goal");
    for (int units : sizes) {
      Path dir = Files.createTempDirectory("depot-bench-publish");
      try (BenchServer server = BenchServer.start(dir, pg)) {
        server.createRepo("big", "{}");
        insertUnits(server, "big", units);
        System.gc();
        HeapWatch watch = HeapWatch.start();
        Duration took =
            server.runTask("/pulp/api/v2/repositories/big/actions/publish/", "{\"id\": \"web\"}");
        long peak = watch.stop();
        double seconds = took.toMillis() / 1000.0;
        String goal =
            units >= 1_000_000 ? (seconds < 30 && maxHeap <= 256L << 20 ? "met" : "MISSED") : "-";
        System.out.printf(
            Locale.ROOT,
            "%-10d %10.1f %12.0f %14d %10s%n",
            units,
            seconds,
            units / seconds,
            peak >> 20,
            goal);
        Path manifest = dir.resolve("published/http/isos/big/PULP_MANIFEST");
        try (var lines = Files.lines(manifest)) {
          if (lines.count() != units) {
            throw new IllegalStateException("the published manifest does not list every unit");
          }
        }
      } finally {
        deleteQuietly(dir);
      }
    }
  }

  /** Puts {@code count} iso units into the repository with batched inserts. */
  static void insertUnits(BenchServer server, String repo, int count) throws Exception {
    var jdbi = server.depot().database().jdbi();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    Path store = server.depot().config().dataDir().resolve("content/units/iso");
    var now = Timestamps.arg(Timestamps.now());
    int batch = 5000;
    for (int start = 0; start < count; start += batch) {
      int from = start;
      int to = Math.min(count, start + batch);
      jdbi.useTransaction(
          h -> {
            PreparedBatch units =
                h.prepareBatch(
                    "INSERT INTO units (unit_id, type_id, key_digest, unit_key, metadata,"
                        + " storage_path, created) VALUES (:id, 'iso', :digest, :key, '{}', :path,"
                        + " :now)");
            PreparedBatch links =
                h.prepareBatch(
                    "INSERT INTO repo_units (repo_id, unit_id, unit_type_id, created, updated)"
                        + " VALUES (:repo, :id, 'iso', :now, :now)");
            for (int i = from; i < to; i++) {
              String name = String.format(Locale.ROOT, "dir%03d/file-%07d.iso", i % 1000, i);
              String checksum =
                  HexFormat.of().formatHex(sha.digest(name.getBytes(StandardCharsets.UTF_8)));
              String id = UUID.randomUUID().toString();
              String key =
                  "{\"checksum\":\""
                      + checksum
                      + "\",\"name\":\""
                      + name
                      + "\",\"size\":"
                      + i
                      + "}";
              units
                  .bind("id", id)
                  .bind("digest", checksum)
                  .bind("key", key)
                  .bind(
                      "path", store.resolve(checksum.substring(0, 2)).resolve(checksum).toString())
                  .bind("now", now)
                  .add();
              links.bind("repo", repo).bind("id", id).bind("now", now).add();
            }
            units.execute();
            links.execute();
          });
    }
  }

  /** Samples the used heap while a publish runs and keeps the highest value. */
  static final class HeapWatch {
    private final AtomicLong peak = new AtomicLong();
    private volatile boolean running = true;
    private final Thread thread;

    private HeapWatch() {
      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      thread =
          Thread.ofPlatform()
              .daemon()
              .start(
                  () -> {
                    while (running) {
                      peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                      try {
                        Thread.sleep(10);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
    }

    static HeapWatch start() {
      return new HeapWatch();
    }

    long stop() throws InterruptedException {
      running = false;
      thread.join();
      return peak.get();
    }
  }

  static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(paths.toList());
      java.util.Collections.reverse(all);
      for (Path p : all) {
        Files.deleteIfExists(p);
      }
    } catch (java.io.IOException e) {
      // a temporary directory; the OS cleans it eventually
    }
  }
}
