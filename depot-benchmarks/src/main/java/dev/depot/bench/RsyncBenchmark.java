package dev.depot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.testkit.LocalSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Pushing a published repository of 20,000 small files with {@code iso_rsync_distributor} to a
 * private sshd on 127.0.0.1, twice: the first push sends everything, the second (nothing changed)
 * should take under 2 s (issue #5). The peer is plain {@code rsync -a} over the same ssh doing the
 * same work: the same unit files in the content store's layout, then the published tree (its links
 * as links); the first push should take at most 1.5 times as long (issue #20).
 */
public final class RsyncBenchmark {
  private RsyncBenchmark() {}

  /** Runs the benchmark: {@code [--files N] [--rounds R] [--h2 | --postgres-url URL]}. */
  public static void main(String[] args) throws Exception {
    int files = 20_000;
    int rounds = 3;
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        case "--h2" -> pg = null;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("sshd", "ssh", "ssh-keygen", "rsync");
    Path dir = Files.createTempDirectory("depot-bench-rsync");
    Path feed = Files.createDirectories(dir.resolve("feed"));
    try (LocalSshd sshd = LocalSshd.start(dir.resolve("sshd"));
        BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
      writeFeed(feed, files);
      server.createRepo("big", "{\"feed\": \"%s\"}".formatted(feed.toUri()));
      server.runTask("/pulp/api/v2/repositories/big/actions/sync/", "{}");
      server.runTask("/pulp/api/v2/repositories/big/actions/publish/", "{\"id\": \"web\"}");
      System.out.printf(
          Locale.ROOT,
          "Rsync benchmark: %d files of 1 KiB, pushed over ssh to 127.0.0.1, %s, %d rounds%n",
          files,
          pg == null ? "H2" : "PostgreSQL",
          rounds);
      firstPushes(server, sshd, dir, rounds);
      unchangedPush(server, dir, sshd);
    } finally {
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  /** Rounds of a first push and plain rsync's same work, interleaved; prints the medians. */
  private static void firstPushes(BenchServer server, LocalSshd sshd, Path dir, int rounds)
      throws Exception {
    // Each round pushes to an empty remote root with a new distributor, then plain rsync does
    // the same to another: a first push every time, the two interleaved so both see the same
    // machine.
    double[] depot = new double[rounds];
    double[] plain = new double[rounds];
    for (int round = 0; round < rounds; round++) {
      String id = "push" + round;
      addPushDistributor(server, sshd, id, dir.resolve("remote/depot-" + round));
      depot[round] = seconds(server.runTask(PUBLISH, "{\"id\": \"%s\"}".formatted(id)));
      JsonNode details = server.lastTask().at("/result/details");
      plain[round] = seconds(time(plainCommands(dir, sshd, "plain-" + round)));
      System.out.printf(
          Locale.ROOT,
          "round %d: Depot first push %.2f s (listing %.2f, staging %.2f, units step %.2f,"
              + " tree step %.2f); rsync -a %.2f s; ratio %.2fx%n",
          round + 1,
          depot[round],
          details.at("/units/list_seconds").asDouble(),
          details.at("/units/stage_seconds").asDouble(),
          details.at("/units/seconds").asDouble(),
          details.at("/tree/seconds").asDouble(),
          plain[round],
          depot[round] / plain[round]);
    }
    double ratio = median(depot) / median(plain);
    System.out.printf(Locale.ROOT, "%-52s %8s%n", "median of the rounds", "seconds");
    System.out.printf(
        Locale.ROOT, "%-52s %8.2f%n", "Depot iso_rsync_distributor, first push", median(depot));
    System.out.printf(
        Locale.ROOT, "%-52s %8.2f%n", "rsync -a of the units, then the tree, first", median(plain));
    System.out.printf(
        Locale.ROOT,
        "first push / rsync -a: %.2fx; goal (<= 1.5x): %s%n",
        ratio,
        ratio <= 1.5 ? "met" : "MISSED");
  }

  private static final String PUBLISH = "/pulp/api/v2/repositories/big/actions/publish/";

  /** The second push of round 1's distributor after an unchanged republish, against rsync -a's. */
  private static void unchangedPush(BenchServer server, Path dir, LocalSshd sshd) throws Exception {
    // The web distributor publishes again (an override makes it a real publish, as after a
    // sync that changed nothing): only then is there anything to push.
    server.runTask(PUBLISH, "{\"id\": \"web\", \"override_config\": {\"serve_http\": true}}");
    Duration second = server.runTask(PUBLISH, "{\"id\": \"push0\"}");
    JsonNode summary = server.lastTask().at("/result");
    Duration plainSecond = time(plainCommands(dir, sshd, "plain-0"));
    System.out.printf(
        Locale.ROOT,
        "second push (unchanged) %.2f s, sent %d unit files and %d tree entries; rsync -a %.2f s;"
            + " goal (second push < 2 s): %s%n",
        seconds(second),
        summary.at("/summary/units_sent").asLong(),
        summary.at("/summary/tree_sent").asLong(),
        seconds(plainSecond),
        second.compareTo(Duration.ofSeconds(2)) < 0 ? "met" : "MISSED");
  }

  private static void addPushDistributor(BenchServer server, LocalSshd sshd, String id, Path root)
      throws Exception {
    server.call(
        "POST",
        "/pulp/api/v2/repositories/big/distributors/",
        """
        {"distributor_id": "%s", "distributor_type_id": "iso_rsync_distributor",
         "distributor_config": {"predistributor_id": "web", "remote": {
           "host": "127.0.0.1", "port": %d, "ssh_user": "%s", "ssh_identity_file": "%s",
           "root": "%s"}}}"""
            .formatted(id, sshd.port, System.getProperty("user.name"), sshd.clientKey, root));
  }

  /**
   * What plain rsync runs for the same work: every unit in the store is the repository's, so the
   * store's units directory is its units; then the published tree, its links as links.
   */
  private static List<List<String>> plainCommands(Path dir, LocalSshd sshd, String remoteName) {
    Path units = dir.resolve("server/content/units");
    Path tree = dir.resolve("server/published/http/isos/big");
    String ssh = sshCommand(sshd, dir.resolve("known_hosts"));
    String target =
        System.getProperty("user.name") + "@127.0.0.1:" + dir.resolve("remote/" + remoteName);
    return List.of(
        List.of("rsync", "-a", "--mkpath", "-e", ssh, units + "/", target + "/content/units/"),
        List.of("rsync", "-a", "--mkpath", "-e", ssh, tree + "/", target + "/big/"));
  }

  private static double seconds(Duration took) {
    return took.toMillis() / 1000.0;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Duration time(List<List<String>> commands) throws Exception {
    long started = System.nanoTime();
    for (List<String> command : commands) {
      Peers.run(command);
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static void writeFeed(Path feed, int files) throws Exception {
    Random random = new Random(11);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    StringBuilder manifest = new StringBuilder();
    byte[] bytes = new byte[1024];
    for (int i = 0; i < files; i++) {
      random.nextBytes(bytes);
      String name = String.format(Locale.ROOT, "d%02d/f%06d.bin", i % 50, i);
      Path file = feed.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      manifest.append(name).append(',').append(HexFormat.of().formatHex(sha.digest(bytes)));
      manifest.append(',').append(bytes.length).append('\n');
    }
    Files.writeString(feed.resolve("PULP_MANIFEST"), manifest);
  }

  /** The ssh command plain rsync is given: the options Depot's push uses. */
  private static String sshCommand(LocalSshd sshd, Path knownHosts) {
    return ("ssh -i %s -o BatchMode=yes -o StrictHostKeyChecking=accept-new"
            + " -o UserKnownHostsFile=%s -p %d")
        .formatted(sshd.clientKey, knownHosts, sshd.port);
  }
}
