package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
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
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().put("DEPOT_SKIP_BUILD", "1");
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

      Path passwordFile = dir.resolve("depot-data").resolve("admin-password");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile)))
          .isEqualTo("rw-------");
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
