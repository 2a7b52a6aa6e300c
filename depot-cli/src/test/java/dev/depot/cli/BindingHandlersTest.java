package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer commands find each type's binding handler through ServiceLoader. */
class BindingHandlersTest {
  @TempDir Path dir;

  @Test
  void theIsoHandlerIsRegisteredAndOtherTypesHaveNone() {
    assertThat(BindingHandlers.forType("iso_distributor"))
        .get()
        .isInstanceOf(IsoBindingHandler.class);
    assertThat(BindingHandlers.forType("rpm_distributor")).isEmpty();
    assertThat(BindingHandlers.known()).isEqualTo("iso_distributor");
  }

  @Test
  void theIsoHandlerKeepsThePayloadsUrlsAndWritesItsCaToItsOwnFile() throws Exception {
    JsonNode details =
        ApiClient.JSON.readTree(
            """
            {"relative_path": "/pulp/isos/zoo/", "protocols": ["https"],
             "urls": {"https": "https://depot.example/pulp/isos/zoo/"},
             "manifest": "PULP_MANIFEST", "ca_cert": "-----BEGIN CERTIFICATE-----", "ssl_auth": true}
            """);
    ObjectNode config = ApiClient.JSON.createObjectNode();
    Path ca = dir.resolve("zoo-ca.pem");

    BindingHandlers.forType("iso_distributor").orElseThrow().writeConfig(details, config, ca);

    assertThat(config.path("urls").path("https").asText())
        .isEqualTo("https://depot.example/pulp/isos/zoo/");
    assertThat(config.path("relative_path").asText()).isEqualTo("/pulp/isos/zoo/");
    assertThat(config.path("ssl_auth").asBoolean()).isTrue();
    assertThat(config.path("ca_cert").asText()).isEqualTo(ca.toString());
    assertThat(ca).hasContent("-----BEGIN CERTIFICATE-----");

    ObjectNode plain = ApiClient.JSON.createObjectNode();
    BindingHandlers.forType("iso_distributor")
        .orElseThrow()
        .writeConfig(ApiClient.JSON.readTree("{\"protocols\": [\"http\"]}"), plain, ca);
    assertThat(ca).doesNotExist();
    assertThat(plain.get("ca_cert").isNull()).isTrue();
  }
}
