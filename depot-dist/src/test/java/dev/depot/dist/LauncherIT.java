package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.publish.testing.ThisBuild;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's way in: {@code ./depot server} on embedded defaults, then {@code curl} and {@code
 * ./depot ...} against it, all real processes.
 */
class LauncherIT {
  private static final Path ROOT = Path.of(System.getProperty("depot.root", "..")).toAbsolutePath();

  @TempDir Path dir;

  record Result(int code, String output) {}

  private Result run(List<String> command) throws Exception {
    return run(command, Map.of());
  }

  private Result run(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("DEPOT_SKIP_BUILD", "1");
    builder.environment().putAll(env);
    builder.redirectErrorStream(true);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Result(process.exitValue(), output);
  }

  private List<String> depot(String... args) {
    List<String> command = new ArrayList<>();
    command.add(ROOT.resolve("depot").toString());
    command.addAll(List.of(args));
    return command;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void serverHelpListsEverySetting() throws Exception {
    Result help = run(depot("server", "--help"));

    assertThat(help.code()).isZero();
    assertThat(help.output())
        .contains(
            "--port",
            "--https-port",
            "--data-dir",
            "--database-url",
            "--admin-password",
            "--roles",
            "--workers",
            "DEPOT_");
  }

  @Test
  void serverStartsOnEmbeddedDefaultsAndAnswersCurlAndTheCli() throws Exception {
    int port = freePort();
    ProcessBuilder builder =
        new ProcessBuilder(
                depot(
                    "server",
                    "--port",
                    String.valueOf(port),
                    // Free ports only: the default 8443 may be taken by another server or test.
                    "--https-port",
                    String.valueOf(freePort()),
                    "--bind",
                    "127.0.0.1"))
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("server.log").toFile());
    builder.environment().put("DEPOT_SKIP_BUILD", "1");
    Process server = builder.start();
    try {
      String status = awaitStatus(server, port);
      assertThat(status).contains("\"connected\":true");
      try (Stream<Path> lib =
          Files.list(ROOT.resolve("depot-dist").resolve("target").resolve("lib"))) {
        assertThat(lib.map(f -> f.getFileName().toString()))
            .as("the launcher made the server's class archive before starting it")
            .anyMatch(name -> name.startsWith(".server-") && name.endsWith(".jsa"));
      }

      Path passwordFile = dir.resolve("depot-data").resolve("admin-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
          .isEqualTo("rw-------");
      // The embedded database holds importer secrets: no other user reads its directory.
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(dir.resolve("depot-data").resolve("db"))))
          .isEqualTo("rwx------");
      String password = Files.readString(passwordFile).trim();
      assertThat(Files.readString(dir.resolve("server.log"))).doesNotContain(password);

      Result created =
          run(
              List.of(
                  "curl",
                  "-s",
                  "-u",
                  "admin:" + password,
                  "-H",
                  "Content-Type: application/json",
                  "-d",
                  "{\"id\": \"zoo\", \"importer_type_id\": \"iso_importer\"}",
                  "http://127.0.0.1:" + port + "/pulp/api/v2/repositories/"));
      assertThat(created.output()).contains("\"id\":\"zoo\"");
      Result unauthorised =
          run(
              List.of(
                  "curl",
                  "-s",
                  "-o",
                  "/dev/null",
                  "-w",
                  "%{http_code}",
                  "http://127.0.0.1:" + port + "/pulp/api/v2/repositories/"));
      assertThat(unauthorised.output()).isEqualTo("401");

      String url = "http://127.0.0.1:" + port;
      Result added =
          run(
              depot(
                  "--url",
                  url,
                  "repo",
                  "distributor",
                  "add",
                  "zoo",
                  "--type",
                  "iso_distributor",
                  "--id",
                  "web"));
      assertThat(added.code()).as(added.output()).isZero();
      Result list = run(depot("--url", url, "repo", "list"));
      assertThat(list.code()).isZero();
      assertThat(list.output()).contains("zoo", "iso_importer", "web");
    } finally {
      server.destroy();
      server.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void cliMakesItsClassArchiveOnceMapsItAndRemakesItForNewerJars() throws Exception {
    Path lib = ROOT.resolve("depot-dist").resolve("target").resolve("lib");
    Path javaHome = Path.of(System.getProperty("java.home"));
    Path archive = lib.resolve(".cli-" + javaHome.getFileName() + ".jsa");
    Files.deleteIfExists(archive);
    Map<String, String> sameJdk = Map.of("DEPOT_JAVA_HOME", javaHome.toString());

    Result first = run(depot("--version"), sameJdk);

    assertThat(first.code()).isZero();
    assertThat(first.output())
        .as("nothing but the answer, no JVM notes")
        .isEqualTo("Depot " + ThisBuild.version(ROOT) + "\n");
    assertThat(archive).isNotEmptyFile();
    try (Stream<Path> files = Files.list(lib)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .as("no half-made archive left")
          .noneMatch(name -> name.startsWith(archive.getFileName() + "."));
    }
    // -Xshare:on makes the JVM fail rather than run without it: the archive fits these jars.
    Result mapped =
        run(
            List.of(
                javaHome.resolve("bin").resolve("java").toString(),
                "-XX:SharedArchiveFile=" + archive,
                "-Xshare:on",
                "-cp",
                lib + "/*",
                "dev.depot.cli.DepotCli",
                "--version"),
            Map.of());
    assertThat(mapped.code()).as(mapped.output()).isZero();

    FileTime old = FileTime.from(Instant.parse("2000-01-01T00:00:00Z"));
    Files.setLastModifiedTime(archive, old);
    Result again = run(depot("--version"), sameJdk);

    assertThat(again.output()).isEqualTo("Depot " + ThisBuild.version(ROOT) + "\n");
    assertThat(Files.getLastModifiedTime(archive)).as("made again: jars newer").isGreaterThan(old);
  }

  /** Polls the status until it answers; a server that exited fails the test at once. */
  private String awaitStatus(Process server, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (!server.isAlive()) {
        throw new AssertionError(
            "the server exited with code "
                + server.exitValue()
                + " before answering; log:\n"
                + Files.readString(dir.resolve("server.log")));
      }
      Result status =
          run(
              List.of(
                  "curl",
                  "-s",
                  "--max-time",
                  "2",
                  "http://127.0.0.1:" + port + "/pulp/api/v2/status/"));
      if (status.code() == 0 && status.output().contains("api_version")) {
        return status.output();
      }
      Thread.sleep(250);
    }
    throw new AssertionError(
        "server did not answer within 60 s; log:\n" + Files.readString(dir.resolve("server.log")));
  }
}
