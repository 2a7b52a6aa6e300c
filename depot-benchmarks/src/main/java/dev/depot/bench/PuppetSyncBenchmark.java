package dev.depot.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A {@code puppet_importer} sync of 2,000 module tarballs from a PULP_MANIFEST directory nginx
 * serves, against {@code xargs -P} + curl fetching the same tarballs with the same parallelism, in
 * the same run. Goal (the puppet issue): no slower. Depot also checks each tarball's SHA-256 and
 * size, reads its metadata.json and records each unit in the database.
 *
 * <p>Every round has a feed of its own (another author's modules), so both sides download
 * everything afresh without anything being deleted while the benchmark runs. Deleting between
 * rounds made each side pay for the other's deletes: an ext4 without a journal (these machines')
 * allocating an inode skips, checking them one by one, the inodes deleted in the last five seconds
 * (five minutes while their inode table block is unwritten), which slowed curl's third round
 * fivefold and Depot's more (three inodes per module: the file, its directory, its link template).
 */
public final class PuppetSyncBenchmark {
  /**
   * Syncs of other feeds run untimed first, so that the timed ones run the compiled code of a
   * server that has been up a while. A method called once per module reaches the optimising
   * compiler's thresholds only after several syncs: measured here (2,000 modules), the JIT's
   * compile time per sync was 2.3-2.7 s in the two after three warm-ups, 0.7-1.0 s after five to
   * seven, 0.4-0.5 s after eleven; the timed rounds print it beside their CPU.
   */
  private static final int DEFAULT_WARMUP_SYNCS = 8;

  private static final String AUTHOR = "bench";

  private PuppetSyncBenchmark() {}

  /**
   * Runs the benchmark: {@code [--modules N] [--threads T] [--rounds R] [--warmups W]
   * [--postgres-url URL]} (H2 by default).
   */
  public static void main(String[] args) throws Exception {
    int modules = 2_000;
    int threads = 5;
    int roundCount = 3;
    int warmups = DEFAULT_WARMUP_SYNCS;
    String pg = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--modules" -> modules = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--rounds" -> roundCount = Integer.parseInt(args[++i]);
        case "--warmups" -> warmups = Integer.parseInt(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("nginx", "curl", "xargs");
    Path dir = Files.createTempDirectory("depot-bench-puppet-sync");
    Path nginx = dir.resolve("nginx");
    Path feeds = dir.resolve("feeds");
    try {
      for (int i = 1; i <= warmups; i++) {
        ModuleFeeds.write(feeds.resolve("warm" + i), "warm" + i, modules);
      }
      for (int round = 1; round <= roundCount; round++) {
        ModuleFeeds.write(feeds.resolve(AUTHOR + round), AUTHOR + round, modules);
      }
      int port = Peers.freePort();
      Peers.startNginx(
          nginx,
          "server { listen 127.0.0.1:%d; location /feeds/ { alias %s/; sendfile on; } }\n"
              .formatted(port, feeds));
      String base = "http://127.0.0.1:" + port + "/feeds/";
      // {depot s, depot CPU s, curl s, curl CPU s, depot JIT s}
      List<double[]> rounds = new ArrayList<>();
      try (BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
        for (int i = 1; i <= warmups; i++) {
          createRepo(server, "warm" + i, base + "warm" + i + "/", threads);
          server.runTask("/pulp/api/v2/repositories/warm" + i + "/actions/sync/", "{}");
        }
        SyncBenchmark.waitUntilIdle();
        for (int round = 1; round <= roundCount; round++) {
          String author = AUTHOR + round;
          Path urls =
              urls(dir.resolve("urls-" + round + ".txt"), base + author + "/", author, modules);
          rounds.add(round(server, dir, round, base + author + "/", threads, urls));
        }
      }
      print(modules, threads, pg, warmups, rounds);
    } finally {
      Peers.stopNginx(nginx);
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  /** The list of the feed's tarball URLs curl is given. */
  private static Path urls(Path file, String feed, String author, int modules) throws Exception {
    StringBuilder list = new StringBuilder();
    for (int i = 0; i < modules; i++) {
      list.append(feed).append(ModuleFeeds.fileName(author, i)).append('\n');
    }
    return Files.writeString(file, list);
  }

  private static void createRepo(BenchServer server, String id, String feedDir, int threads)
      throws Exception {
    server.createRepo(
        id,
        "puppet_importer",
        "{\"feed\": \"%sPULP_MANIFEST\", \"num_threads\": %d}".formatted(feedDir, threads),
        "puppet_distributor");
  }

  /**
   * One round, curl then Depot, each downloading the round's feed into a place of its own.
   *
   * @return {Depot s, Depot CPU s, curl s, curl CPU s, Depot JIT s}
   */
  private static double[] round(
      BenchServer server, Path dir, int round, String feed, int threads, Path urls)
      throws Exception {
    // The two sides take turns, so that a slow spell of this machine hits both alike.
    Path out = Files.createDirectories(dir.resolve("curl-" + round));
    SyncBenchmark.flushDisk();
    long started = System.nanoTime();
    String times =
        Peers.run(
            List.of(
                "sh",
                "-c",
                "cd '%s' && xargs -P %d -n 100 curl -sS --fail --remote-name-all < '%s' && times"
                    .formatted(out, threads, urls)));
    double curl = (System.nanoTime() - started) / 1e9;
    double curlCpu = SyncBenchmark.childrenCpuSeconds(times);

    String repo = "mirror-" + round;
    createRepo(server, repo, feed, threads);
    SyncBenchmark.flushDisk();
    long cpuBefore = SyncBenchmark.processCpuNanos();
    long jitBefore = jitMillis();
    double depot =
        server.runTask("/pulp/api/v2/repositories/" + repo + "/actions/sync/", "{}").toMillis()
            / 1000.0;
    double depotCpu = (SyncBenchmark.processCpuNanos() - cpuBefore) / 1e9;
    double depotJit = (jitMillis() - jitBefore) / 1000.0;
    SyncBenchmark.waitUntilIdle(); // what the sync left to the background: not while curl runs
    return new double[] {depot, depotCpu, curl, curlCpu, depotJit};
  }

  /** The JIT compilers' time so far, summed over their threads (part of the JVM's CPU). */
  private static long jitMillis() {
    return ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
  }

  private static void print(
      int modules, int threads, String pg, int warmups, List<double[]> rounds) {
    System.out.printf(
        Locale.ROOT,
        "Puppet sync benchmark: %d module tarballs from a PULP_MANIFEST on nginx, %d in parallel,"
            + " %s, %d rounds after %d untimed syncs%n",
        modules,
        threads,
        pg == null ? "H2" : "PostgreSQL",
        rounds.size(),
        warmups);
    System.out.printf(
        Locale.ROOT,
        "%-8s %-36s %8s %10s %8s %8s%n",
        "round",
        "",
        "seconds",
        "modules/s",
        "CPU s",
        "JIT s");
    String depotSide = "Depot puppet sync (verified, read)";
    String curlSide = "xargs -P " + threads + " + curl";
    for (int r = 0; r < rounds.size(); r++) {
      double[] f = rounds.get(r);
      print(String.valueOf(r + 1), depotSide, f[0], modules, f[1], f[4]);
      print(String.valueOf(r + 1), curlSide, f[2], modules, f[3], Double.NaN);
    }
    double depot = SyncBenchmark.median(rounds, 0);
    double curl = SyncBenchmark.median(rounds, 2);
    print(
        "median",
        depotSide,
        depot,
        modules,
        SyncBenchmark.median(rounds, 1),
        SyncBenchmark.median(rounds, 4));
    print("median", curlSide, curl, modules, SyncBenchmark.median(rounds, 3), Double.NaN);
    System.out.println(
        "CPU s: the Depot JVM's (with H2 in it, not PostgreSQL's server), or curl's processes;"
            + " nginx's is in neither. JIT s: of the Depot JVM's, its compilers' time.");
    System.out.printf(
        Locale.ROOT,
        "ratio of medians Depot/curl: %.2f  goal (no slower): %s%n",
        depot / curl,
        depot <= curl ? "met" : "MISSED");
  }

  private static void print(
      String round, String what, double seconds, int modules, double cpuSeconds, double jit) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %-36s %8.2f %10.0f %8.2f %8s%n",
        round,
        what,
        seconds,
        modules / seconds,
        cpuSeconds,
        Double.isNaN(jit) ? "" : String.format(Locale.ROOT, "%.2f", jit));
  }
}
