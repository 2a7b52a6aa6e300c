package dev.depot.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The Depot side of the RPM benchmark: one yum repository synced, published, pruned. */
final class RpmRuns {
  private static final String REPO = "/pulp/api/v2/repositories/rpm/";

  private final BenchServer server;

  RpmRuns(BenchServer server, String feedUrl) throws Exception {
    this.server = server;
    server.call(
        "POST",
        "/pulp/api/v2/repositories/",
        """
        {"id": "rpm", "importer_type_id": "yum_importer",
         "importer_config": {"feed": "%s", "num_threads": 5},
         "distributors": [{"distributor_id": "web", "distributor_type_id": "yum_distributor",
           "distributor_config": {"relative_url": "rpm", "http": true}, "auto_publish": false}]}
        """
            .formatted(feedUrl));
  }

  /** Seconds of a first sync. */
  double sync() throws Exception {
    return seconds(server.runTask(REPO + "actions/sync/", "{}"));
  }

  /** {seconds, peak heap bytes} of a publish. */
  double[] publish() throws Exception {
    return publish("{\"id\": \"web\"}");
  }

  /** Full publishes run, untimed, before the timed warm one (see {@link #publishFullAgain}). */
  static final int WARMUP_PUBLISHES = 2;

  /**
   * {seconds, peak heap bytes} of a publish that rebuilds the whole tree and metadata ({@code
   * force_full}), as the first one did, in a server that has published already: the steady state of
   * a long-running server, where the first publish after a start also pays for compiling the code.
   * One publish before was not enough: profiled, the second still spent 0.6 of its 2.2 CPU seconds
   * in the JIT compiler, and took 1.0-1.2 s where the third to sixth took 0.65-0.76 s (20,000
   * packages); so {@link #WARMUP_PUBLISHES} more run untimed first.
   */
  double[] publishFullAgain() throws Exception {
    String full = "{\"id\": \"web\", \"override_config\": {\"force_full\": true}}";
    for (int i = 0; i < WARMUP_PUBLISHES; i++) {
      server.runTask(REPO + "actions/publish/", full);
    }
    return publish(full);
  }

  private double[] publish(String body) throws Exception {
    System.gc();
    PublishBenchmark.HeapWatch watch = PublishBenchmark.HeapWatch.start();
    Duration took = server.runTask(REPO + "actions/publish/", body);
    return new double[] {seconds(took), watch.stop()};
  }

  /** Re-publishes after a 1% change run, untimed, before the timed one. */
  static final int WARMUP_REPUBLISHES = 5;

  /**
   * Compiles a re-publish's code as a long-running server has, before one is timed: a second
   * repository gets the same packages (copied, so it takes no time to sync), is published, then
   * re-published {@link #WARMUP_REPUBLISHES} times, each after another 1% of its packages left
   * (every hundredth of {@code files}, from the second on). Timed cold, the first re-publish after
   * warm full ones spent more CPU time compiling than publishing (20,000 packages: 0.2-0.35 s for
   * the first few, 0.12-0.15 s from the sixth on); the timed repository is left as it was.
   */
  void warmRepublish(List<Path> files) throws Exception {
    server.call(
        "POST",
        "/pulp/api/v2/repositories/",
        """
        {"id": "warm", "importer_type_id": "yum_importer", "importer_config": {},
         "distributors": [{"distributor_id": "web", "distributor_type_id": "yum_distributor",
           "distributor_config": {"relative_url": "warm", "http": true}, "auto_publish": false}]}
        """);
    String warm = "/pulp/api/v2/repositories/warm/";
    server.runTask(
        warm + "actions/associate/",
        "{\"source_repo_id\": \"rpm\", \"criteria\": {\"type_ids\": [\"rpm\"]}}");
    server.runTask(warm + "actions/publish/", "{\"id\": \"web\"}");
    for (int round = 1; round <= WARMUP_REPUBLISHES; round++) {
      List<Path> some = new java.util.ArrayList<>();
      for (int i = round; i < files.size(); i += 100) {
        some.add(files.get(i));
      }
      removeUnits(warm, some);
      server.runTask(warm + "actions/publish/", "{\"id\": \"web\"}");
    }
  }

  /** Removes the packages of these files from the repository. */
  void removeUnits(List<Path> files) throws Exception {
    removeUnits(REPO, files);
  }

  private void removeUnits(String repo, List<Path> files) throws Exception {
    StringBuilder names = new StringBuilder();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String packageName = name.substring(0, name.indexOf('-', "bench-".length()));
      names.append(names.isEmpty() ? "" : ", ").append('"').append(packageName).append('"');
    }
    server.runTask(
        repo + "actions/unassociate/",
        """
        {"criteria": {"type_ids": ["rpm"], "filters": {"unit": {"name": {"$in": [%s]}}}}}
        """
            .formatted(names));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
