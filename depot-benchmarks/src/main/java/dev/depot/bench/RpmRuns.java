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

  /** Removes the packages of these files from the repository. */
  void removeUnits(List<Path> files) throws Exception {
    StringBuilder names = new StringBuilder();
    for (Path f : files) {
      String name = f.getFileName().toString();
      String packageName = name.substring(0, name.indexOf('-', "bench-".length()));
      names.append(names.isEmpty() ? "" : ", ").append('"').append(packageName).append('"');
    }
    server.runTask(
        REPO + "actions/unassociate/",
        """
        {"criteria": {"type_ids": ["rpm"], "filters": {"unit": {"name": {"$in": [%s]}}}}}
        """
            .formatted(names));
  }

  private static double seconds(Duration d) {
    return d.toMillis() / 1000.0;
  }
}
