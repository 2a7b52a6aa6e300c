package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fetch the server refuses with 403 says why a bound machine meets it: the repository takes only
 * client certificates of its own CA, and the machine's is Depot's.
 */
class IsoFetchRefusedTest {
  @TempDir Path dir;
  private HttpServer server;

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void a403NamesTheProtectionAndTheCertificateTheMachinePresents() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          exchange.sendResponseHeaders(403, -1);
          exchange.close();
        });
    server.start();
    JsonNode config =
        ApiClient.parse(
            "{\"urls\": {\"http\": \"http://127.0.0.1:"
                + server.getAddress().getPort()
                + "/pulp/isos/zoo/\"}}");

    IsoFetch fetch = new IsoFetch(config, dir.resolve("no-identity.pem"));

    assertThatThrownBy(() -> fetch.fetchInto(dir.resolve("dest")))
        .hasMessageContaining("403")
        .hasMessageContaining("ssl_auth_ca_cert")
        .hasMessageContaining("Depot's own CA");
  }
}
