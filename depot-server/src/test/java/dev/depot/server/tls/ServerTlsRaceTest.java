package dev.depot.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> processes = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      processes.add(
          new ProcessBuilder(
                  java,
                  "-cp",
                  System.getProperty("java.class.path"),
                  EnsureTlsMain.class.getName(),
                  tls.toString())
              .redirectErrorStream(true)
              .start());
    }
    List<String> fingerprints = new ArrayList<>();
    for (Process process : processes) {
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor()).as(out).isZero();
      fingerprints.add(out.strip().lines().reduce((a, b) -> b).orElseThrow());
    }

    ServerTls onDisk = ServerTls.ensure(tls, "depot.example");
    assertThat(fingerprints).containsOnly(EnsureTlsMain.fingerprint(onDisk));
    X509 serverCert = new X509(PemFiles.readCertificates(tls.resolve("server.crt")).getFirst());
    serverCert.verifiedBy(onDisk);
  }

  @Test
  void threadsStartingTogetherShareOneCa() throws Exception {
    Path tls = dir.resolve("tls");
    CountDownLatch go = new CountDownLatch(1);
    Callable<String> start =
        () -> {
          go.await();
          return EnsureTlsMain.fingerprint(ServerTls.ensure(tls, "depot.example"));
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

    assertThat(fingerprints).containsOnly(fingerprints.getFirst());
    assertThat(fingerprints.getFirst())
        .isEqualTo(EnsureTlsMain.fingerprint(ServerTls.ensure(tls, "depot.example")));
  }

  private record X509(java.security.cert.X509Certificate certificate) {
    void verifiedBy(ServerTls tls) throws Exception {
      certificate.verify(tls.caCertificate().getPublicKey()); // throws if another CA signed it
    }
  }
}
