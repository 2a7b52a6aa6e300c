package dev.depot.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PluginCallConfigurationTest {
  private final PluginCallConfiguration config =
      new PluginCallConfiguration(
          Map.of("num_threads", 5, "validate", true, "proxy_password", "hunter2"),
          Map.of("num_threads", "8", "serve_http", "TRUE", "feed", "http://x/"),
          Map.of("validate", false));

  @Test
  void firstLayerContainingTheKeyWins() {
    assertThat(config.getLong("num_threads")).contains(8L);
    assertThat(config.getBoolean("validate")).contains(false);
    assertThat(config.getString("feed")).contains("http://x/");
    assertThat(config.get("missing")).isEmpty();
    assertThat(config.getBoolean("missing", true)).isTrue();
  }

  @Test
  void anExplicitNullInAHigherLayerHidesLowerLayers() {
    Map<String, Object> override = new HashMap<>();
    override.put("num_threads", null);
    PluginCallConfiguration withNull =
        new PluginCallConfiguration(Map.of("num_threads", 5), Map.of(), override);

    assertThat(withNull.contains("num_threads")).isTrue();
    assertThat(withNull.getLong("num_threads")).isEmpty();
  }

  @Test
  void flattenAppliesPrecedence() {
    assertThat(config.flatten())
        .containsEntry("num_threads", "8")
        .containsEntry("validate", false)
        .containsEntry("serve_http", "TRUE");
    assertThat(config.keys())
        .containsExactlyInAnyOrder(
            "num_threads", "validate", "proxy_password", "serve_http", "feed");
  }

  @Test
  void wrongTypesNameTheKeyButNotTheValue() {
    PluginCallConfiguration bad =
        PluginCallConfiguration.of(
            Map.of("serve_http", "yes", "num_threads", 2.5, "proxy_password", List.of("hunter2")));

    assertThatThrownBy(() -> bad.getBoolean("serve_http"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessage("serve_http must be true or false");
    assertThatThrownBy(() -> bad.getLong("num_threads")).hasMessageContaining("num_threads");
    assertThatThrownBy(() -> bad.getString("proxy_password"))
        .isInstanceOf(ConfigValueException.class)
        .hasMessageNotContaining("hunter2");
    assertThat(config.toString()).doesNotContain("hunter2");
  }

  @Test
  void metadataRefusesBadIds() {
    assertThatThrownBy(() -> new PluginMetadata("bad-id", "x", List.of("iso")))
        .hasMessageContaining("bad-id");
    assertThatThrownBy(() -> new PluginMetadata("ok_id", "x", List.of()))
        .hasMessageContaining("at least one type");
    assertThat(new PluginMetadata("ok_id", null, List.of("iso")).displayName()).isEqualTo("ok_id");
  }
}
