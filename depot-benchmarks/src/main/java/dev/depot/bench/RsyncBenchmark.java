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

  /** Runs the benchmark: {@code [--files N] [--h2 | --postgres-url URL]}. */
  public static void main(String[] args) throws Exception {
    int files = 20_000;
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--postgres-url" -> pg = args[++i];
        case "--h2" -> pg = null;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("sshd", "ssh", "ssh-keygen", "rsync");
    Path dir = Files.createTempDirectory("depot-bench-rsync");
    Path feed = Files.createDirectories(dir.resolve("feed"));
    Path remote = dir.resolve("remote");
    try (LocalSshd sshd = LocalSshd.start(dir.resolve("sshd"));
        BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
      writeFeed(feed, files);
      server.createRepo("big", "{\"feed\": \"%s\"}".formatted(feed.toUri()));
      server.runTask("/pulp/api/v2/repositories/big/actions/sync/", "{}");
      server.runTask("/pulp/api/v2/repositories/big/actions/publish/", "{\"id\": \"web\"}");
      server.call(
          "POST",
          "/pulp/api/v2/repositories/big/distributors/",
          """
          {"distributor_id": "push", "distributor_type_id": "iso_rsync_distributor",
           "distributor_config": {"predistributor_id": "web", "remote": {
             "host": "127.0.0.1", "port": %d, "ssh_user": "%s", "ssh_identity_file": "%s",
             "root": "%s"}}}"""
              .formatted(
                  sshd.port,
                  System.getProperty("user.name"),
                  sshd.clientKey,
                  remote.resolve("depot")));
      String push = "/pulp/api/v2/repositories/big/actions/publish/";
      java.time.Instant posted = java.time.Instant.now();
      Duration first = server.runTask(push, "{\"id\": \"push\"}");
      JsonNode firstTask = server.lastTask();
      // The web distributor publishes again (an override makes it a real publish, as after a
      // sync that changed nothing): only then is there anything to push.
      server.runTask(push, "{\"id\": \"web\", \"override_config\": {\"serve_http\": true}}");
      Duration second = server.runTask(push, "{\"id\": \"push\"}");
      JsonNode history =
          server.call("GET", "/pulp/api/v2/repositories/big/history/publish/push/?limit=2", null);
      JsonNode summary = history.get(0);
      JsonNode firstDetails = history.get(1).path("details");

      // Every unit in the store is the repository's: the store's units directory is its units.
      Path units = dir.resolve("server/content/units");
      Path tree = dir.resolve("server/published/http/isos/big");
      String ssh = sshCommand(sshd, dir.resolve("known_hosts"));
      String target = System.getProperty("user.name") + "@127.0.0.1:" + remote.resolve("plain");
      List<List<String>> plain =
          List.of(
              List.of(
                  "rsync", "-a", "--mkpath", "-e", ssh, units + "/", target + "/content/units/"),
              List.of("rsync", "-a", "--mkpath", "-e", ssh, tree + "/", target + "/big/"));
      Duration plainFirst = time(plain);
      Duration plainSecond = time(plain);

      System.out.printf(
          Locale.ROOT,
          "Rsync benchmark: %d files of 1 KiB, pushed over ssh to 127.0.0.1, %s%n",
          files,
          pg == null ? "H2" : "PostgreSQL");
      System.out.printf(Locale.ROOT, "%-44s %8s%n", "", "seconds");
      print("Depot iso_rsync_distributor, first push", first);
      print("Depot iso_rsync_distributor, second (unchanged)", second);
      print("rsync -a of the units, then the tree, first", plainFirst);
      print("rsync -a of both, second (unchanged)", plainSecond);
      double ratio = first.toNanos() / (double) plainFirst.toNanos();
      System.out.printf(
          Locale.ROOT,
          "first push / rsync -a: %.2fx; goal (<= 1.5x): %s; second push / rsync -a: %.2fx%n",
          ratio,
          ratio <= 1.5 ? "met" : "MISSED",
          second.toNanos() / (double) plainSecond.toNanos());
      System.out.printf(
          Locale.ROOT,
          "second push sent %d unit files and %d tree entries; goal (second push < 2 s): %s%n",
          summary.at("/summary/units_sent").asLong(),
          summary.at("/summary/tree_sent").asLong(),
          second.compareTo(Duration.ofSeconds(2)) < 0 ? "met" : "MISSED");
      System.out.printf(
          Locale.ROOT,
          "first push: units step %.2f s, tree step %.2f s; second: units %.2f s, tree %.2f s%n",
          firstDetails.at("/units/seconds").asDouble(),
          firstDetails.at("/tree/seconds").asDouble(),
          summary.at("/details/units/seconds").asDouble(),
          summary.at("/details/tree/seconds").asDouble());
      System.out.printf(
          Locale.ROOT,
          "first push: listing %.2f s, staging %.2f s; posted %s, task ran %s to %s%n",
          firstDetails.at("/units/list_seconds").asDouble(),
          firstDetails.at("/units/stage_seconds").asDouble(),
          posted,
          firstTask.at("/start_time").asText(),
          firstTask.at("/finish_time").asText());
    } finally {
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  private static Duration time(List<List<String>> commands) throws Exception {
    long started = System.nanoTime();
    for (List<String> command : commands) {
      Peers.run(command);
    }
    return Duration.ofNanos(System.nanoTime() - started);
  }

  private static void print(String what, Duration took) {
    System.out.printf(Locale.ROOT, "%-44s %8.2f%n", what, took.toMillis() / 1000.0);
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
