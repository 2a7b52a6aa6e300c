package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code depot user create alice --password x} reads as alice's password but is the one the CLI
 * logs in with: the CLI says so, and sends no password for alice.
 */
class LoginPasswordNoteTest {
  @TempDir Path dir;
  HttpServer api;
  final List<String> bodies = new ArrayList<>();

  @AfterEach
  void stop() {
    if (api != null) {
      api.stop(0);
    }
  }

  private String serve() throws IOException {
    api = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    api.createContext(
        "/pulp/api/v2/users/",
        exchange -> {
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] body =
              "{\"login\": \"alice\", \"name\": \"alice\", \"roles\": []}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(201, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    api.start();
    return "http://127.0.0.1:" + api.getAddress().getPort() + "/";
  }

  private String run(String... args) throws IOException {
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            args,
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of("DEPOT_DATA_DIR", dir.toString(), "DEPOT_URL", serve(), "DEPOT_USER", "admin"));
    assertThat(code).as(err.toString()).isZero();
    api.stop(0);
    return err.toString();
  }

  @Test
  void aPasswordAfterUserCreateIsSaidToBeTheLoginOne() throws IOException {
    String err = run("user", "create", "alice", "--password", "admin-pw");

    assertThat(err)
        .contains("--password is the password this CLI logs in with, not alice's")
        .contains("--password-env");
    assertThat(bodies).singleElement().asString().doesNotContain("admin-pw");
  }

  @Test
  void aPasswordBeforeTheCommandIsTakenAsMeantWithoutANote() throws IOException {
    assertThat(run("--password", "admin-pw", "user", "create", "alice")).doesNotContain("note:");
  }
}
