package dev.depot.server.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * One TLS certificate authority and server certificate per test JVM, copied into the data directory
 * of each test server before it starts: a fresh data directory makes the server generate two RSA
 * keys, which took a third of the CPU of a test class starting a server per test. The server takes
 * the copied files as an operator's restored ones (and issues its certificate again if it needs
 * another name). Tests of the TLS set-up itself use {@code ServerTls} directly.
 */
public final class TestTls {
  private static final List<String> FILES = List.of("ca.crt", "ca.key", "server.crt", "server.key");

  private static Path kept;

  private TestTls() {}

  /** Copies the kept files into {@code dataDir}'s {@code tls}, unless it has one already. */
  public static synchronized void seed(Path dataDir) throws IOException {
    Path tls = dataDir.resolve("tls");
    if (kept == null || Files.exists(tls)) {
      return;
    }
    Files.createDirectories(tls);
    for (String name : FILES) {
      // Attributes kept: the keys stay readable by their owner only.
      Files.copy(kept.resolve(name), tls.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
    }
  }

  /** Keeps the files a server generated in {@code dataDir}, if none are kept yet. */
  public static synchronized void keep(Path dataDir) throws IOException {
    Path tls = dataDir.resolve("tls");
    if (kept != null || !FILES.stream().allMatch(name -> Files.isRegularFile(tls.resolve(name)))) {
      return;
    }
    Path copy = Files.createTempDirectory("depot-test-tls");
    copy.toFile().deleteOnExit(); // after its files: deleted in the reverse order of these calls
    for (String name : FILES) {
      Files.copy(tls.resolve(name), copy.resolve(name), StandardCopyOption.COPY_ATTRIBUTES);
      copy.resolve(name).toFile().deleteOnExit();
    }
    kept = copy;
  }
}
