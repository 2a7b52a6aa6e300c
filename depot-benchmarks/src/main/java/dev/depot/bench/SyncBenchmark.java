package dev.depot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Syncing 10,000 files of 16 KiB from an nginx-served feed, against {@code xargs -P} + curl
 * fetching the same files with the same parallelism, in the same run. Goal (issue #4): no slower.
 * Depot also checks every file's SHA-256 and size and records each unit in the database.
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  /** Runs the benchmark: {@code [--files N] [--threads T] [--h2 | --postgres-url URL]}. */
  public static void main(String[] args) throws Exception {
    int files = 10_000;
    int threads = 5;
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        case "--h2" -> pg = null;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("nginx", "curl", "xargs");
    Path dir = Files.createTempDirectory("depot-bench-sync");
    Path feed = Files.createDirectories(dir.resolve("feed"));
    Path nginx = dir.resolve("nginx");
    try {
      writeFeed(feed, files);
      int port = Peers.freePort();
      Peers.startNginx(
          nginx,
          "server { listen 127.0.0.1:%d; location /feed/ { alias %s/; sendfile on; } }\n"
              .formatted(port, feed));
      String base = "http://127.0.0.1:" + port + "/feed/";

      Path urls = dir.resolve("urls.txt");
      StringBuilder list = new StringBuilder();
      for (int i = 0; i < files; i++) {
        list.append(base).append(name(i)).append('\n');
      }
      Files.writeString(urls, list);
      Path out = Files.createDirectories(dir.resolve("curl"));
      long started = System.nanoTime();
      Peers.run(
          List.of(
              "sh",
              "-c",
              "cd '%s' && xargs -P %d -n 100 curl -sS --fail --remote-name-all < '%s'"
                  .formatted(out, threads, urls)));
      Duration curl = Duration.ofNanos(System.nanoTime() - started);

      Duration depot;
      try (BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
        server.createRepo(
            "mirror", "{\"feed\": \"%s\", \"num_threads\": %d}".formatted(base, threads));
        depot = server.runTask("/pulp/api/v2/repositories/mirror/actions/sync/", "{}");
      }
      System.out.printf(
          Locale.ROOT,
          "Sync benchmark: %d files of 16 KiB from nginx, %d in parallel, %s%n",
          files,
          threads,
          pg == null ? "H2" : "PostgreSQL");
      System.out.printf(Locale.ROOT, "%-34s %8s %10s%n", "", "seconds", "files/s");
      print("Depot iso sync (verified, stored)", depot, files);
      print("xargs -P " + threads + " + curl", curl, files);
      System.out.printf(
          Locale.ROOT,
          "ratio Depot/curl time: %.2f  goal (no slower): %s%n",
          depot.toMillis() / (double) curl.toMillis(),
          depot.compareTo(curl) <= 0 ? "met" : "MISSED");
    } finally {
      Peers.stopNginx(nginx);
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  private static void print(String what, Duration took, int files) {
    double seconds = took.toMillis() / 1000.0;
    System.out.printf(Locale.ROOT, "%-34s %8.2f %10.0f%n", what, seconds, files / seconds);
  }

  private static String name(int i) {
    return String.format(Locale.ROOT, "f%06d.bin", i);
  }

  private static void writeFeed(Path feed, int files) throws Exception {
    Random random = new Random(7);
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
