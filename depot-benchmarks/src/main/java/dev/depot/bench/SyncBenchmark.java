package dev.depot.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syncing 10,000 files of 16 KiB from an nginx-served feed, against {@code xargs -P} + curl
 * fetching the same files with the same parallelism, in the same run. Goal (issue #4): no slower.
 * Depot also checks every file's SHA-256 and size and records each unit in the database.
 *
 * <p>Every round has a feed of its own, so both sides download everything afresh with nothing
 * deleted while the benchmark runs: on a journal-less ext4 (these machines'), allocating an inode
 * checks, one by one, the inodes deleted in the last seconds, so deleting a round's files made the
 * next side slower (see {@link PuppetSyncBenchmark}).
 */
public final class SyncBenchmark {
  /** Files of a different feed synced first, untimed, so that the timed sync runs compiled code. */
  private static final int WARMUP_FILES = 3_000;

  /** A time as the shell's {@code times} prints it: {@code 0m1.230000s}. */
  private static final Pattern MINUTES_SECONDS = Pattern.compile("(\\d+)m([\\d.]+)s");

  private SyncBenchmark() {}

  /**
   * Runs the benchmark: {@code [--files N] [--threads T] [--rounds R] [--h2 | --postgres-url URL]}.
   */
  public static void main(String[] args) throws Exception {
    int files = 10_000;
    int threads = 5;
    int roundCount = 3;
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--rounds" -> roundCount = Integer.parseInt(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        case "--h2" -> pg = null;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("nginx", "curl", "xargs");
    Path dir = Files.createTempDirectory("depot-bench-sync");
    Path feeds = dir.resolve("feeds");
    Path nginx = dir.resolve("nginx");
    try {
      writeFeed(Files.createDirectories(feeds.resolve("warmup")), WARMUP_FILES, 8);
      for (int round = 1; round <= roundCount; round++) {
        writeFeed(Files.createDirectories(feeds.resolve("r" + round)), files, 100 + round);
      }
      int port = Peers.freePort();
      Peers.startNginx(
          nginx,
          "server { listen 127.0.0.1:%d; location /feeds/ { alias %s/; sendfile on; } }\n"
              .formatted(port, feeds));
      String base = "http://127.0.0.1:" + port + "/feeds/";
      List<double[]> rounds = new ArrayList<>(); // {depot s, depot CPU s, curl s, curl CPU s}
      try (BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
        // A server that has run for a while has its code compiled; a cold JVM would time the JIT.
        server.createRepo(
            "warmup", "{\"feed\": \"%swarmup/\", \"num_threads\": %d}".formatted(base, threads));
        server.runTask("/pulp/api/v2/repositories/warmup/actions/sync/", "{}");
        waitUntilIdle();
        for (int round = 1; round <= roundCount; round++) {
          String feed = base + "r" + round + "/";
          Path urls = dir.resolve("urls-" + round + ".txt");
          StringBuilder list = new StringBuilder();
          for (int i = 0; i < files; i++) {
            list.append(feed).append(name(i)).append('\n');
          }
          Files.writeString(urls, list);
          rounds.add(round(server, dir, round, feed, threads, urls));
        }
      }
      print(files, threads, pg, rounds);
    } finally {
      Peers.stopNginx(nginx);
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  /**
   * One round, curl then Depot, each downloading the round's feed into a place of its own.
   *
   * @return {Depot s, Depot CPU s, curl s, curl CPU s}
   */
  private static double[] round(
      BenchServer server, Path dir, int round, String feed, int threads, Path urls)
      throws Exception {
    // The two sides take turns, so that a slow spell of this machine hits both alike.
    Path out = Files.createDirectories(dir.resolve("curl-" + round));
    flushDisk();
    long started = System.nanoTime();
    String times =
        Peers.run(
            List.of(
                "sh",
                "-c",
                "cd '%s' && xargs -P %d -n 100 curl -sS --fail --remote-name-all < '%s' && times"
                    .formatted(out, threads, urls)));
    double curl = (System.nanoTime() - started) / 1e9;
    double curlCpu = childrenCpuSeconds(times);

    String repo = "mirror-" + round;
    server.createRepo(repo, "{\"feed\": \"%s\", \"num_threads\": %d}".formatted(feed, threads));
    flushDisk();
    long cpuBefore = processCpuNanos();
    double depot =
        server.runTask("/pulp/api/v2/repositories/" + repo + "/actions/sync/", "{}").toMillis()
            / 1000.0;
    double depotCpu = (processCpuNanos() - cpuBefore) / 1e9;
    waitUntilIdle(); // what the sync left to the background: not while curl is timed
    return new double[] {depot, depotCpu, curl, curlCpu};
  }

  private static void print(int files, int threads, String pg, List<double[]> rounds) {
    System.out.printf(
        Locale.ROOT,
        "Sync benchmark: %d files of 16 KiB from nginx, %d in parallel, %s, %d rounds%n",
        files,
        threads,
        pg == null ? "H2" : "PostgreSQL",
        rounds.size());
    System.out.printf(
        Locale.ROOT, "%-8s %-34s %8s %10s %8s%n", "round", "", "seconds", "files/s", "CPU s");
    for (int r = 0; r < rounds.size(); r++) {
      double[] f = rounds.get(r);
      print(String.valueOf(r + 1), "Depot iso sync (verified, stored)", f[0], files, f[1]);
      print(String.valueOf(r + 1), "xargs -P " + threads + " + curl", f[2], files, f[3]);
    }
    double depot = median(rounds, 0);
    double curl = median(rounds, 2);
    print("median", "Depot iso sync (verified, stored)", depot, files, median(rounds, 1));
    print("median", "xargs -P " + threads + " + curl", curl, files, median(rounds, 3));
    System.out.println(
        "CPU s: the Depot JVM's (with H2 in it, not PostgreSQL's server), or curl's processes;"
            + " nginx's is in neither.");
    System.out.printf(
        Locale.ROOT,
        "ratio of medians Depot/curl: %.2f  goal (no slower): %s%n",
        depot / curl,
        depot <= curl ? "met" : "MISSED");
  }

  private static void print(
      String round, String what, double seconds, int files, double cpuSeconds) {
    System.out.printf(
        Locale.ROOT,
        "%-8s %-34s %8.2f %10.0f %8.2f%n",
        round,
        what,
        seconds,
        files / seconds,
        cpuSeconds);
  }

  /**
   * Waits (at most 30 s) until this JVM, which hosts the server, uses under a tenth of a core, so
   * that its background work after a round does not slow the next curl run.
   */
  static void waitUntilIdle() throws InterruptedException {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (System.nanoTime() < deadline) {
      long before = processCpuNanos();
      Thread.sleep(500);
      if (processCpuNanos() - before < 50_000_000L) {
        return;
      }
    }
  }

  /**
   * Writes back what the previous side left dirty, so that neither side pays for the other's 160 MB
   * on this disk.
   */
  static void flushDisk() throws Exception {
    Peers.run(List.of("sync"));
  }

  static double median(List<double[]> rounds, int column) {
    double[] values = rounds.stream().mapToDouble(r -> r[column]).sorted().toArray();
    int mid = values.length / 2;
    return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** User plus system seconds of a shell's children, from the second line of its {@code times}. */
  static double childrenCpuSeconds(String timesOutput) {
    String[] lines = timesOutput.strip().split("\n");
    double total = 0;
    for (String field : lines[lines.length - 1].strip().split("\\s+")) {
      Matcher m = MINUTES_SECONDS.matcher(field);
      if (m.matches()) {
        total += Integer.parseInt(m.group(1)) * 60 + Double.parseDouble(m.group(2));
      }
    }
    return total;
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "f%06d.bin", i);
  }

  private static void writeFeed(Path feed, int files, long seed) throws Exception {
    Random random = new Random(seed);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    StringBuilder manifest = new StringBuilder();
    byte[] bytes = new byte[16 * 1024];
    for (int i = 0; i < files; i++) {
      random.nextBytes(bytes);
      Files.write(feed.resolve(name(i)), bytes);
      manifest.append(name(i)).append(',').append(HexFormat.of().formatHex(sha.digest(bytes)));
      manifest.append(',').append(bytes.length).append('\n');
    }
    Files.writeString(feed.resolve("PULP_MANIFEST"), manifest);
  }
}
