package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code depot event-listener}: what {@code /events/} does over REST, from the CLI. */
class EventListenerCliEndToEndTest {
  @TempDir Path dir;
  CliServer server;

  @BeforeEach
  void start() throws Exception {
    server = CliServer.start("h2", dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  @Test
  void aListenerIsCreatedListedUpdatedAndDeleted() throws Exception {
    JsonNode created =
        server
            .succeed(
                "--json",
                "event-listener",
                "create",
                "--option",
                "url=http://127.0.0.1:9/hook",
                "--option",
                "password=pw",
                "--event",
                "repo.sync.finish")
            .json();
    String id = created.path("id").asText();
    assertThat(created.path("notifier_type_id").asText()).isEqualTo("http");
    assertThat(created.path("notifier_config").path("password").asText()).isEqualTo("*****");

    assertThat(server.succeed("event-listener", "list").out())
        .contains(id, "http", "repo.sync.finish", "http://127.0.0.1:9/hook");

    server.succeed("event-listener", "update", id, "--event", "*", "--option", "password=");
    JsonNode shown = server.succeed("--json", "event-listener", "show", id).json();
    assertThat(shown.path("event_types").get(0).asText()).isEqualTo("*");
    assertThat(shown.path("notifier_config").has("password")).isFalse();

    assertThat(server.succeed("event-listener", "delete", id).out())
        .isEqualTo("Event listener " + id + " deleted\n");
    CliServer.Run gone = server.run("event-listener", "show", id);
    assertThat(gone.code()).isEqualTo(1);
    assertThat(gone.err()).contains("Missing resource");
    assertThat(server.succeed("event-listener", "list").out()).isEqualTo("No event listeners\n");
  }
}
