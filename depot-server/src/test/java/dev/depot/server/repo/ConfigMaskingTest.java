package dev.depot.server.repo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A config shown by the API keeps its secrets, wherever in it they are. */
class ConfigMaskingTest {
  @Test
  void secretsAreMaskedInNestedMapsAndInListsOfMaps() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("feed", "https://cdn.example/");
    config.put("basic_auth_password", "hunter2");
    config.put("remote", Map.of("host", "mirror", "ssh_identity_file", "/root/.ssh/id"));
    config.put(
        "mirrors",
        List.of(
            Map.of("url", "https://a.example/", "proxy_password", "p1"),
            List.of(Map.of("ssl_client_key", "-----BEGIN")),
            "plain"));
    config.put("tags", Arrays.asList("a", null));

    Map<String, Object> shown = RepositoryJson.masked(config);

    assertThat(shown.toString())
        .doesNotContain("hunter2", "/root/.ssh/id", "p1", "BEGIN")
        .contains("https://cdn.example/", "https://a.example/", "mirror", "plain");
    assertThat(shown.get("basic_auth_password")).isEqualTo("*****");
    assertThat(shown.get("tags")).isEqualTo(Arrays.asList("a", null));
    // The stored config itself is untouched.
    assertThat(config.get("basic_auth_password")).isEqualTo("hunter2");
  }
}
