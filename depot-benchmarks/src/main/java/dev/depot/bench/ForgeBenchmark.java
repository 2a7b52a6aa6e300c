package dev.depot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Forge API a repository of 10,000 Puppet modules answers ({@code /v3/releases?module=}, as
 * {@code puppet module install} asks it), against nginx serving the same published page files, with
 * {@code wrk --latency} and 50 connections, in the same run. Goal (the puppet issue): a p99 under
 * 20 ms.
 */
public final class ForgeBenchmark {
  /** The query puppet sends, after the module. */
  private static final String QUERY =
      "&sort_by=version&exclude_fields=readme%20license%20changelog%20reference";

  private static final String AUTHOR = "bench";
  private static final String REPO = "forge";
  private static final double GOAL_P99_MILLIS = 20;

  private ForgeBenchmark() {}

  /**
   * Runs the benchmark: {@code [--modules N] [--seconds S] [--rounds R] [--connections C]
   * [--postgres-url URL]} (H2 by default).
   */
  public static void main(String[] args) throws Exception {
    int modules = 10_000;
    int seconds = 5;
    int rounds = 3;
    int connections = 50;
    String pg = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--modules" -> modules = Integer.parseInt(args[++i]);
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--connections" -> connections = Integer.parseInt(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("nginx", "wrk");
    Path dir = Files.createTempDirectory("depot-bench-forge");
    Path nginx = dir.resolve("nginx");
    try (BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
      double[] loaded = load(server, dir, modules); // {sync s, publish s}
      Path pages = dir.resolve("server/published/http/puppet/" + REPO + "/forge");
      int port = startNginx(nginx, pages);
      Path depotScript =
          script(
              dir.resolve("depot.lua"),
              "/pulp_puppet/forge/repository/"
                  + REPO
                  + "/v3/releases?module="
                  + AUTHOR
                  + "-m%05d"
                  + QUERY,
              modules);
      Path nginxScript =
          script(dir.resolve("nginx.lua"), "/forge/v3/releases/" + AUTHOR + "-m%05d.json", modules);
      System.out.printf(
          Locale.ROOT,
          "Forge API benchmark: %d modules (%s; sync %.1f s, publish %.1f s), wrk -t2 -c%d -d%ds"
              + " --latency, each request a random module; %d rounds taken in turns%n",
          modules,
          pg == null ? "H2" : "PostgreSQL",
          loaded[0],
          loaded[1],
          connections,
          seconds,
          rounds);
      compare(
          server.http("/"),
          depotScript,
          "http://127.0.0.1:" + port + "/",
          nginxScript,
          new int[] {seconds, rounds, connections});
    } finally {
      Peers.stopNginx(nginx);
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  /**
   * Syncs {@code modules} modules into a new repository from a manifest directory and publishes it.
   *
   * @return {sync seconds, publish seconds}
   */
  private static double[] load(BenchServer server, Path dir, int modules) throws Exception {
    Path feed = ModuleFeeds.write(dir.resolve("feed"), AUTHOR, modules);
    server.createRepo(
        REPO, "puppet_importer", "{\"feed\": \"" + feed.toUri() + "\"}", "puppet_distributor");
    String actions = "/pulp/api/v2/repositories/" + REPO + "/actions/";
    double sync = server.runTask(actions + "sync/", "{}").toMillis() / 1000.0;
    double publish = server.runTask(actions + "publish/", "{\"id\": \"web\"}").toMillis() / 1000.0;
    Path pages = dir.resolve("server/published/http/puppet/" + REPO + "/forge");
    if (!Files.isRegularFile(pages.resolve("v3/releases/" + AUTHOR + "-m00000.json"))) {
      throw new IllegalStateException("the publish wrote no Forge page under " + pages);
    }
    return new double[] {sync, publish};
  }

  /** Starts nginx serving the page files below {@code /forge/}; returns its port. */
  private static int startNginx(Path nginx, Path pages) throws Exception {
    int port = Peers.freePort();
    Peers.startNginx(
        nginx,
        ("server { listen 127.0.0.1:%d;"
                + " location /forge/ { alias %s/; default_type application/json; } }\n")
            .formatted(port, pages));
    return port;
  }

  /**
   * wrk on Depot and on nginx in turns, printing each round and the medians.
   *
   * @param run {seconds, rounds, connections}
   */
  private static void compare(
      String depotUrl, Path depotScript, String nginxUrl, Path nginxScript, int[] run)
      throws Exception {
    int seconds = run[0];
    int rounds = run[1];
    int connections = run[2];
    Peers.wrkLatency(depotUrl, 3, connections, depotScript); // warm-up: JIT, page cache
    Peers.wrkLatency(nginxUrl, 1, connections, nginxScript);
    Peers.Latency[] depot = new Peers.Latency[rounds];
    Peers.Latency[] peer = new Peers.Latency[rounds];
    System.out.printf(
        Locale.ROOT, "%-7s %-34s %10s %9s %9s%n", "round", "", "req/s", "p50 ms", "p99 ms");
    for (int round = 0; round < rounds; round++) {
      depot[round] = Peers.wrkLatency(depotUrl, seconds, connections, depotScript);
      peer[round] = Peers.wrkLatency(nginxUrl, seconds, connections, nginxScript);
      print(String.valueOf(round + 1), depot[round], peer[round]);
    }
    Peers.Latency depotMedian = median(depot);
    print("median", depotMedian, median(peer));
    System.out.printf(
        Locale.ROOT,
        "Depot p99 (median of rounds) %.2f ms, goal under %.0f ms: %s%n",
        depotMedian.p99Millis(),
        GOAL_P99_MILLIS,
        depotMedian.p99Millis() < GOAL_P99_MILLIS ? "met" : "MISSED");
  }

  /** A wrk script asking {@code pathFormat} for a random module of {@code modules} each time. */
  private static Path script(Path file, String pathFormat, int modules) throws Exception {
    return Files.writeString(
        file,
        """
        math.randomseed(os.time())
        request = function()
          return wrk.format("GET", string.format("%s", math.random(0, %d)))
        end
        """
            .formatted(pathFormat.replace("%20", "%%20"), modules - 1));
  }

  private static void print(String round, Peers.Latency depot, Peers.Latency peer) {
    String format = "%-7s %-34s %10.0f %9.2f %9.2f%n";
    System.out.printf(
        Locale.ROOT,
        format,
        round,
        "Depot Forge API (?module=)",
        depot.requestsPerSecond(),
        depot.p50Millis(),
        depot.p99Millis());
    System.out.printf(
        Locale.ROOT,
        format,
        round,
        "nginx, the same page files",
        peer.requestsPerSecond(),
        peer.p50Millis(),
        peer.p99Millis());
  }

  /** Each figure's median over the rounds. */
  private static Peers.Latency median(Peers.Latency[] rounds) {
    return new Peers.Latency(
        median(Arrays.stream(rounds).mapToDouble(Peers.Latency::requestsPerSecond).toArray()),
        median(Arrays.stream(rounds).mapToDouble(Peers.Latency::p50Millis).toArray()),
        median(Arrays.stream(rounds).mapToDouble(Peers.Latency::p99Millis).toArray()));
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
