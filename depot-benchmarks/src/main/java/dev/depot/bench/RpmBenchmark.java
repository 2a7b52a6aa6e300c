package dev.depot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * RPM sync and publish against their peers, in one run: N packages (built once by rpmbuild and
 * cached) get repodata from {@code createrepo_c} (timed, full and {@code --update}), are served by
 * nginx, mirrored by Depot's {@code yum_importer} and by {@code dnf reposync} (timed), then
 * published by {@code yum_distributor} in full and again after 1% of the packages left (timed, with
 * the heap's peak), beside {@code createrepo_c --update} after the same change. Goals (the RPM
 * issue): a publish at most half of createrepo_c's time; a re-publish after a 1% change at most 5%
 * of a full one; heap at most 256 MB; a sync no slower than dnf reposync.
 */
public final class RpmBenchmark {
  private RpmBenchmark() {}

  /** {@code [--packages N] [--cache DIR] [--postgres-url URL]}. */
  public static void main(String[] args) throws Exception {
    int count = 20_000;
    Path cache = Path.of("depot-benchmarks/target/rpm-cache");
    String pg = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--packages" -> count = Integer.parseInt(args[++i]);
        case "--cache" -> cache = Path.of(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("rpmbuild", "createrepo_c", "nginx", "dnf");
    Path feed = cache.toAbsolutePath().resolve("n" + count);
    RpmPackages.ensure(feed, count);
    print(count, pg, run(feed, count, pg));
  }

  private static List<String[]> run(Path feed, int count, String pg) throws Exception {
    List<String[]> rows = new ArrayList<>();
    PublishBenchmark.deleteQuietly(feed.resolve("repodata"));
    double crFull = seconds(List.of("createrepo_c", "-q", "--no-database", feed.toString()));
    double crUpdate =
        seconds(List.of("createrepo_c", "-q", "--no-database", "--update", feed.toString()));
    Path dir = Files.createTempDirectory("depot-bench-rpm");
    Path nginx = dir.resolve("nginx");
    try {
      int port = Peers.freePort();
      Peers.startNginx(
          nginx,
          "server { listen 127.0.0.1:%d; location /feed/ { alias %s/; sendfile on; } }\n"
              .formatted(port, feed));
      String url = "http://127.0.0.1:" + port + "/feed/";
      double reposync = reposync(dir, url);
      try (BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
        RpmRuns runs = new RpmRuns(server, url);
        double sync = runs.sync();
        double[] full = runs.publish();
        double[] warm = runs.publishFullAgain();
        runs.warmRepublish(packageFiles(feed));
        List<Path> moved = removeOnePercent(feed, dir.resolve("moved"), count);
        double crAfter =
            seconds(List.of("createrepo_c", "-q", "--no-database", "--update", feed.toString()));
        restore(moved, feed.resolve("Packages"));
        runs.removeUnits(moved);
        double[] again = runs.publish();
        rows.add(row("createrepo_c (full)", crFull, 0, "-"));
        rows.add(row("createrepo_c --update (no change)", crUpdate, 0, "-"));
        rows.add(row("createrepo_c --update (1% removed)", crAfter, 0, "-"));
        rows.add(
            row(
                "Depot publish (full, first after start)",
                full[0],
                full[1],
                half(full, crFull, crUpdate)));
        rows.add(
            row(
                "Depot publish (full, warm: " + (RpmRuns.WARMUP_PUBLISHES + 2) + "th)",
                warm[0],
                warm[1],
                half(warm, crFull, crUpdate)));
        rows.add(
            row(
                "Depot re-publish (1% removed, warm)",
                again[0], again[1], again[0] <= warm[0] * 0.05 ? "met" : "MISSED"));
        rows.add(row("dnf reposync", reposync, 0, "-"));
        rows.add(row("Depot sync (yum_importer)", sync, 0, sync <= reposync ? "met" : "MISSED"));
      }
    } finally {
      Peers.stopNginx(nginx);
      PublishBenchmark.deleteQuietly(dir);
      PublishBenchmark.deleteQuietly(feed.resolve("repodata"));
    }
    return rows;
  }

  /** The publish goal: at most half of createrepo_c, full and {@code --update}. */
  private static String half(double[] publish, double crFull, double crUpdate) {
    return publish[0] <= crFull / 2 && publish[0] <= crUpdate / 2 ? "met" : "MISSED";
  }

  private static double reposync(Path dir, String url) throws Exception {
    Path home = Files.createDirectories(dir.resolve("reposync"));
    Path conf =
        Files.writeString(
            home.resolve("dnf.conf"),
            "[main]\ngpgcheck=0\ncachedir=%s\nreposdir=%s\nlogdir=%s\npersistdir=%s\n"
                .formatted(home.resolve("cache"), home.resolve("none"), home, home.resolve("p")));
    return seconds(
        List.of(
            "dnf",
            "-q",
            "-c",
            conf.toString(),
            "--releasever=1",
            "--repofrompath=bench," + url,
            "--repo=bench",
            "reposync",
            "--download-path=" + home.resolve("out"),
            "--norepopath"));
  }

  /** The feed's package files, by name. */
  private static List<Path> packageFiles(Path feed) throws Exception {
    try (Stream<Path> files = Files.list(feed.resolve("Packages"))) {
      return files.sorted().toList();
    }
  }

  /** Moves 1% of the packages aside (every hundredth, from the first); answers them. */
  private static List<Path> removeOnePercent(Path feed, Path aside, int count) throws Exception {
    Files.createDirectories(aside);
    List<Path> moved = new ArrayList<>();
    List<Path> all = packageFiles(feed);
    for (int i = 0; i < all.size(); i += 100) {
      moved.add(Files.move(all.get(i), aside.resolve(all.get(i).getFileName())));
    }
    return moved;
  }

  private static void restore(List<Path> moved, Path packages) throws Exception {
    for (Path p : moved) {
      Files.move(p, packages.resolve(p.getFileName()));
    }
  }

  static double seconds(List<String> command) throws Exception {
    long started = System.nanoTime();
    Peers.run(command);
    return Duration.ofNanos(System.nanoTime() - started).toMillis() / 1000.0;
  }

  private static String[] row(String what, double seconds, double heapBytes, String goal) {
    return new String[] {
      what,
      String.format(Locale.ROOT, "%.2f", seconds),
      heapBytes == 0 ? "-" : String.valueOf((long) heapBytes >> 20),
      goal
    };
  }

  private static void print(int count, String pg, List<String[]> rows) {
    System.out.printf(
        Locale.ROOT,
        "RPM benchmark: %d packages, %s, max heap %d MB%n",
        count,
        pg == null ? "H2" : "PostgreSQL",
        Runtime.getRuntime().maxMemory() >> 20);
    System.out.printf(Locale.ROOT, "%-42s %9s %13s %7s%n", "", "seconds", "peak heap MB", "goal");
    for (String[] r : rows) {
      System.out.printf(Locale.ROOT, "%-42s %9s %13s %7s%n", (Object[]) r);
    }
    System.out.println(
        "Goals: publish <= half of createrepo_c (full and --update); re-publish after 1% <= 5% of"
            + " a full (warm) publish; heap <= 256 MB; sync no slower than dnf reposync. The first"
            + " publish after the server started also compiles its code (JIT); a running server"
            + " publishes as the warm row does, timed after "
            + RpmRuns.WARMUP_PUBLISHES
            + " more untimed full publishes; the re-publish after "
            + RpmRuns.WARMUP_REPUBLISHES
            + " untimed ones of a copy of the repository.");
  }
}
