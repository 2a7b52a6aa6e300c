package dev.depot.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several servers starting at once on one fresh data directory end up with one CA, and every server
 * certificate they serve is signed by the {@code ca.crt} that clients are told to trust.
 */
class ServerTlsRaceTest {
  @TempDir Path dir;

  @Test
  void processesStartingTogetherShareOneCa() throws Exception {
    Path tls = dir.resolve("tls");
    Path meet = Files.createDirectories(dir.resolve("meet"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  EnsureTlsMain.class.getName(),
                  tls.toString(),
                  meet.toString())
              .redirectErrorStream(true)
              .start());
    }
    awaitReady(meet, processes);
    Files.createFile(meet.resolve("go"));
    List<String> fingerprints = new ArrayList<>();
    List<Instant> starts = new ArrayList<>();
    List<Instant> ends = new ArrayList<>();
    for (Process process : processes) {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(out).isZero();
      List<String> lines = out.strip().lines().toList();
      starts.add(instant(lines, "start "));
      ends.add(instant(lines, "end "));
      fingerprints.add(lines.getLast());
    }
    assertThat(Collections.max(starts))
        .as("every process was inside ServerTls.ensure before the first came out: they raced")
        .isBefore(Collections.min(ends));

    ServerTls onDisk = ServerTls.ensure(tls, "depot.example");
    assertThat(fingerprints).containsOnly(EnsureTlsMain.fingerprint(onDisk));
    X509 serverCert = new X509(PemFiles.readCertificates(tls.resolve("server.crt")).getFirst());
    serverCert.verifiedBy(onDisk);
  }

  @Test
  void threadsStartingTogetherShareOneCa() throws Exception {
    Path tls = dir.resolve("tls");
    CountDownLatch go = new CountDownLatch(1);
    List<Instant> starts = Collections.synchronizedList(new ArrayList<>());
    List<Instant> ends = Collections.synchronizedList(new ArrayList<>());
    Callable<String> start =
        () -> {
          go.await();
          starts.add(Instant.now());
          String fingerprint = EnsureTlsMain.fingerprint(ServerTls.ensure(tls, "depot.example"));
          ends.add(Instant.now());
          return fingerprint;
        };
    List<String> fingerprints = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        results.add(pool.submit(start));
      }
      go.countDown();
      for (Future<String> result : results) {
        fingerprints.add(result.get());
      }
    }

    assertThat(Collections.max(starts))
        .as("every thread was inside ServerTls.ensure before the first came out: they raced")
        .isBefore(Collections.min(ends));
    assertThat(fingerprints).containsOnly(fingerprints.getFirst());
    assertThat(fingerprints.getFirst())
        .isEqualTo(EnsureTlsMain.fingerprint(ServerTls.ensure(tls, "depot.example")));
  }

  /** Waits until every process is at the starting line, failing if one dies first. */
  private static void awaitReady(Path meet, List<Process> processes) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      try (Stream<Path> ready = Files.list(meet)) {
        if (ready.count() == processes.size()) {
          return;
        }
      }
      for (Process process : processes) {
        assertThat(process.isAlive()).as("a process died before the start").isTrue();
      }
      Thread.sleep(10);
    }
    throw new AssertionError("the processes never all got ready");
  }

  private static Instant instant(List<String> lines, String prefix) {
    return lines.stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> Instant.parse(l.substring(prefix.length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix.strip() + " line in " + lines));
  }

  private record X509(java.security.cert.X509Certificate certificate) {
    void verifiedBy(ServerTls tls) throws Exception {
      certificate.verify(tls.caCertificate().getPublicKey()); // throws if another CA signed it
    }
  }
}
