package dev.depot.bench;

import dev.depot.cli.DepotCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The built-in content server against nginx serving the same published tree (nginx configured by
 * {@code depot webserver-config nginx}), measured with wrk on a 1 KiB and a 10 MiB file in the same
 * run. Goal (issue #4): at least 0.9x nginx's requests per second on both.
 */
public final class ServeBenchmark {
  private ServeBenchmark() {}

  /** Runs the benchmark: {@code [--seconds S] [--rounds R]}. */
  public static void main(String[] args) throws Exception {
    int seconds = 5;
    int rounds = 3;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("nginx", "wrk");
    Path dir = Files.createTempDirectory("depot-bench-serve");
    Path feed = writeFeed(Files.createDirectories(dir.resolve("feed")));
    Path nginx = dir.resolve("nginx");
    try (BenchServer server = BenchServer.start(dir.resolve("server"), null)) {
      server.createRepo("serve", "{\"feed\": \"" + feed.toUri() + "\"}");
      server.runTask("/pulp/api/v2/repositories/serve/actions/sync/", "{}");
      server.runTask("/pulp/api/v2/repositories/serve/actions/publish/", "{\"id\": \"web\"}");
      int port = Peers.freePort();
      StringWriter config = new StringWriter();
      DepotCli.run(
          new String[] {
            "webserver-config",
            "nginx",
            "--http-port",
            "" + port,
            "--https-port",
            "" + Peers.freePort()
          },
          new PrintWriter(config),
          new PrintWriter(new StringWriter()),
          Map.of("DEPOT_DATA_DIR", dir.resolve("server").toString()));
      Peers.startNginx(nginx, config.toString());
      System.out.printf(
          Locale.ROOT,
          "Serving benchmark: wrk -t2 -c10 -d%ds, same published tree, same machine, %d rounds"
              + " taken in turns; the goal is judged on the medians%n",
          seconds,
          rounds);
      System.out.printf(
          Locale.ROOT,
          "%-8s %-7s %14s %14s %8s %6s%n",
          "file",
          "round",
          "Depot req/s",
          "nginx req/s",
          "ratio",
          "goal");
      for (String file : new String[] {"1k.bin", "10m.bin"}) {
        compare(server, port, file, rounds, seconds);
      }
    } finally {
      Peers.stopNginx(nginx);
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  /** A feed of two random files, one small and one large, with its PULP_MANIFEST. */
  private static Path writeFeed(Path feed) throws Exception {
    StringBuilder manifest = new StringBuilder();
    Random random = new Random(42);
    for (Map.Entry<String, Integer> file : Map.of("1k.bin", 1024, "10m.bin", 10 << 20).entrySet()) {
      byte[] bytes = new byte[file.getValue()];
      random.nextBytes(bytes);
      Files.write(feed.resolve(file.getKey()), bytes);
      String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      manifest.append(file.getKey()).append(',').append(sha).append(',').append(bytes.length);
      manifest.append('\n');
    }
    Files.writeString(feed.resolve("PULP_MANIFEST"), manifest);
    return feed;
  }

  /** Serves one file from Depot and from nginx in turns, printing each round and the medians. */
  private static void compare(BenchServer server, int port, String file, int rounds, int seconds)
      throws Exception {
    String path = "/pulp/isos/serve/" + file;
    Peers.wrk(server.http(path), 3); // warm-up: JIT, page cache
    Peers.wrk("http://127.0.0.1:" + port + path, 1);
    double[] depot = new double[rounds];
    double[] peer = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      // In turns, so that a burst of noise on this small machine hits both sides alike.
      depot[round] = Peers.wrk(server.http(path), seconds);
      peer[round] = Peers.wrk("http://127.0.0.1:" + port + path, seconds);
      System.out.printf(
          Locale.ROOT,
          "%-8s %-7d %14.0f %14.0f %8.2f%n",
          file,
          round + 1,
          depot[round],
          peer[round],
          depot[round] / peer[round]);
    }
    double ratio = median(depot) / median(peer);
    System.out.printf(
        Locale.ROOT,
        "%-8s %-7s %14.0f %14.0f %8.2f %6s%n",
        file,
        "median",
        median(depot),
        median(peer),
        ratio,
        ratio >= 0.9 ? "met" : "MISSED");
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
