package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A published file whose name holds a character RFC 3986 wants percent-encoded in a path, as an
 * RPM's caret version does ({@code 1.0^git3}), is served to curl given the URL as written, over
 * HTTP and HTTPS, as nginx serves it (Jetty's default rules answered 400 "Illegal Path Character");
 * a backslash is still refused.
 */
class RawPathCharactersEndToEndTest {
  @TempDir Path dir;
  RunningDepot depot;

  @AfterEach
  void stop() throws Exception {
    if (depot != null) {
      depot.close();
    }
  }

  @Test
  void namesWithCaretsAndBracketsAreServedAsWritten() throws Exception {
    depot = RunningDepot.start(TestDatabase.H2, dir.resolve("server"));
    byte[] snapshot = "a snapshot\n".getBytes(StandardCharsets.UTF_8);
    byte[] bracketed = "a bracketed name\n".getBytes(StandardCharsets.UTF_8);
    Path feed =
        FileContentEndToEndTest.feed(
            dir.resolve("feed"),
            Map.of("tool-1.0^git3.iso", snapshot, "x[1].iso", bracketed),
            null);
    FileContentEndToEndTest.createRepo(
        depot, "zoo", feed.toUri().toString(), "{\"serve_http\": true, \"serve_https\": true}");
    assertThat(FileContentEndToEndTest.sync(depot, "zoo").at("/state").asText())
        .isEqualTo("finished");
    assertThat(FileContentEndToEndTest.publish(depot, "zoo").at("/state").asText())
        .isEqualTo("finished");
    String http = "http://127.0.0.1:" + depot.depot().port() + "/pulp/isos/zoo/";
    String https = "https://localhost:" + depot.depot().httpsPort() + "/pulp/isos/zoo/";
    String ca = dir.resolve("server/tls/ca.crt").toString();

    Curl.Result caret = Curl.run("-g", http + "tool-1.0^git3.iso");
    Curl.Result brackets = Curl.run("-g", http + "x[1].iso");
    Curl.Result caretOverHttps = Curl.run("-g", "--cacert", ca, https + "tool-1.0^git3.iso");
    Curl.Result backslash = Curl.run("-g", http + "tool-1.0\\git3.iso");

    assertThat(caret.status()).as(caret.headers()).isEqualTo(200);
    assertThat(caret.body()).isEqualTo(snapshot);
    assertThat(brackets.status()).as(brackets.headers()).isEqualTo(200);
    assertThat(brackets.body()).isEqualTo(bracketed);
    assertThat(caretOverHttps.status()).as(caretOverHttps.headers()).isEqualTo(200);
    assertThat(caretOverHttps.body()).isEqualTo(snapshot);
    assertThat(backslash.status()).isEqualTo(400);
  }
}
