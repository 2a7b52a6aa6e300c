package dev.depot.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.publish.iso.Digests;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Exporting a repository of 20,000 files (1 GiB in all) as ISO images, against {@code xorriso -as
 * mkisofs -R -J} over the same tree in the same run: seconds and peak memory. Goal (issue #5): no
 * slower than xorriso.
 */
public final class ExportBenchmark {
  private ExportBenchmark() {}

  /** Runs the benchmark: {@code [--files N] [--megabytes M] [--h2]}. */
  public static void main(String[] args) throws Exception {
    int files = 20_000;
    long megabytes = 1024;
    String pg = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--files" -> files = Integer.parseInt(args[++i]);
        case "--megabytes" -> megabytes = Long.parseLong(args[++i]);
        case "--h2" -> pg = null;
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Peers.require("xorriso");
    Path dir = Files.createTempDirectory("depot-bench-export");
    try {
      Path feed = Files.createDirectories(dir.resolve("feed"));
      int size = (int) (megabytes * 1024 * 1024 / files);
      writeFeed(feed, files, size);
      DepotRun depot = exportWithDepot(dir, feed, pg);
      Files.delete(feed.resolve("PULP_MANIFEST"));
      settle();
      Peer peer = exportWithXorriso(dir, feed);
      print(files, megabytes, depot, peer);
    } finally {
      PublishBenchmark.deleteQuietly(dir);
    }
  }

  /** Depot's export: the publish's time, the heap it took and its report's summary. */
  private record DepotRun(Duration time, long heap, JsonNode report) {}

  /** xorriso's image: its time and peak RSS, and the time with the six digests as well. */
  private record Peer(Duration time, long rss, Duration withDigests) {}

  private static DepotRun exportWithDepot(Path dir, Path feed, String pg) throws Exception {
    try (BenchServer server = BenchServer.start(dir.resolve("server"), pg)) {
      server.call(
          "POST",
          "/pulp/api/v2/repositories/",
          """
          {"id": "big", "importer_type_id": "iso_importer",
           "importer_config": {"feed": "%s"},
           "distributors": [{"distributor_id": "export", "distributor_type_id": "export_distributor",
                             "distributor_config": {"http": true, "https": false}}]}
          """
              .formatted(feed.toUri()));
      server.runTask("/pulp/api/v2/repositories/big/actions/sync/", "{}");
      System.gc();
      settle();
      PublishBenchmark.HeapWatch watch = PublishBenchmark.HeapWatch.start();
      Duration time =
          server.runTask("/pulp/api/v2/repositories/big/actions/publish/", "{\"id\": \"export\"}");
      long heap = watch.stop();
      return new DepotRun(time, heap, server.lastTask().at("/result/summary"));
    }
  }

  private static Peer exportWithXorriso(Path dir, Path feed) throws Exception {
    long started = System.nanoTime();
    Process xorriso =
        new ProcessBuilder(
                List.of(
                    "xorriso",
                    "-as",
                    "mkisofs",
                    "-R",
                    "-J",
                    "-quiet",
                    "-o",
                    dir.resolve("peer.iso").toString(),
                    feed.toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("xorriso.log").toFile())
            .start();
    long peerRss = peakRss(xorriso);
    if (xorriso.waitFor() != 0) {
      throw new IllegalStateException(
          "xorriso failed: " + Files.readString(dir.resolve("xorriso.log")));
    }
    Duration peer = Duration.ofNanos(System.nanoTime() - started);
    // Depot's output also holds the six DIGESTS; the peer needs coreutils for those, run side
    // by side over the image it just wrote (still in the page cache).
    Peers.run(
        List.of(
            "sh",
            "-c",
            "cd '%s' && for t in md5 sha1 sha224 sha256 sha384 sha512; do ${t}sum -b peer.iso >"
                    .formatted(dir)
                + " peer.$t & done; wait"));
    return new Peer(peer, peerRss, Duration.ofNanos(System.nanoTime() - started));
  }

  private static void print(int files, long megabytes, DepotRun depot, Peer peer) throws Exception {
    System.out.printf(
        Locale.ROOT, "Export benchmark: %d files, %d MiB in all, one image%n", files, megabytes);
    System.out.printf(Locale.ROOT, "%-38s %8s %18s%n", "", "seconds", "peak memory MB");
    System.out.printf(
        Locale.ROOT,
        "%-38s %8.2f %18d%n",
        "Depot export_distributor (JVM heap)",
        depot.time().toMillis() / 1000.0,
        depot.heap() >> 20);
    System.out.printf(
        Locale.ROOT,
        "%-38s %8.2f %18d%n",
        "xorriso -as mkisofs -R -J (RSS)",
        peer.time().toMillis() / 1000.0,
        peer.rss() >> 20);
    System.out.printf(
        Locale.ROOT,
        "%-38s %8.2f%n",
        "  then md5sum ... sha512sum, in parallel",
        peer.withDigests().toMillis() / 1000.0);
    System.out.printf(
        Locale.ROOT,
        "ratio Depot/xorriso time: %.2f  goal (no slower): %s%n",
        depot.time().toMillis() / (double) peer.time().toMillis(),
        depot.time().compareTo(peer.time()) <= 0 ? "met" : "MISSED");
    System.out.printf(
        Locale.ROOT,
        "of Depot's time: writing the images and computing their six DIGESTS hashes alongside"
            + " %.2f s (xorriso computes none), the rest reading units and publishing%n",
        depot.report().at("/seconds_writing_images").asDouble());
    long imageBytes = depot.report().at("/bytes_written").asLong();
    double hashCpu = digestCpuSeconds(imageBytes);
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(
        Locale.ROOT,
        "the six DIGESTS hashes alone of %d MiB take %.2f CPU-s on this machine, measured now:"
            + " at best %.2f s of wall time on its %d cores, before any I/O%n",
        imageBytes >> 20,
        hashCpu,
        hashCpu / Math.min(cores, Digests.ALGORITHMS.size()),
        cores);
  }

  /**
   * CPU seconds this JVM's hashing takes for the six DIGESTS of {@code bytes} bytes: each algorithm
   * timed on 128 MiB in memory after a warm-up, scaled. The floor under any export that writes
   * DIGESTS, whatever its I/O.
   */
  static double digestCpuSeconds(long bytes) throws Exception {
    byte[] block = new byte[1 << 20];
    new Random(3).nextBytes(block);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    double total = 0;
    for (String algorithm : Digests.ALGORITHMS) {
      MessageDigest digest = MessageDigest.getInstance(algorithm);
      for (int i = 0; i < 32; i++) {
        digest.update(block); // warm-up: let the JIT install the intrinsic
      }
      long started = threads.getCurrentThreadCpuTime();
      int blocks = 128;
      for (int i = 0; i < blocks; i++) {
        digest.update(block);
      }
      digest.digest();
      double perByte =
          (threads.getCurrentThreadCpuTime() - started) / 1e9 / (blocks * (double) block.length);
      total += perByte * bytes;
    }
    return total;
  }

  /** The process's peak resident set (VmHWM), sampled until it exits. */
  static long peakRss(Process process) throws Exception {
    Path status = Path.of("/proc", Long.toString(process.pid()), "status");
    long peak = 0;
    while (process.isAlive()) {
      try {
        for (String line : Files.readAllLines(status)) {
          if (line.startsWith("VmHWM:")) {
            peak = Math.max(peak, Long.parseLong(line.replaceAll("\\D", "")) * 1024);
          }
        }
      } catch (java.io.IOException e) {
        break; // it exited between the check and the read
      }
      Thread.sleep(20);
    }
    return peak;
  }

  /**
   * Writes dirty pages out before each side is timed, so that neither pays for the writeback of
   * what came before it (the sync's gigabyte, or Depot's image).
   */
  private static void settle() throws Exception {
    Peers.run(List.of("sync"));
  }

  private static void writeFeed(Path feed, int files, int size) throws Exception {
    Random random = new Random(11);
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    StringBuilder manifest = new StringBuilder();
    byte[] bytes = new byte[size];
    for (int i = 0; i < files; i++) {
      random.nextBytes(bytes);
      String name = String.format(Locale.ROOT, "d%02d/f%06d.bin", i % 50, i);
      Path file = feed.resolve(name);
      Files.createDirectories(file.getParent());
      Files.write(file, bytes);
      manifest.append(name).append(',').append(HexFormat.of().formatHex(sha.digest(bytes)));
      manifest.append(',').append(size).append('\n');
    }
    Files.writeString(feed.resolve("PULP_MANIFEST"), manifest);
  }
}
