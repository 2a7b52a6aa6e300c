package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoDistributorConfigTest {
  @TempDir Path dir;

  private static final ConfigConduit NONE = Stream::empty;

  private static ValidationResult validate(
      String repo, Map<String, Object> config, ConfigConduit conduit) {
    return new IsoDistributor()
        .validateConfig(Repository.named(repo), PluginCallConfiguration.of(config), conduit);
  }

  private static ConfigConduit others(ConfiguredDistributor... distributors) {
    return () -> Stream.of(distributors);
  }

  @Test
  void acceptsDefaultsAndTypicalConfigs() throws Exception {
    assertThat(validate("zoo", Map.of(), NONE)).isEqualTo(ValidationResult.valid());
    assertThat(
            validate(
                "zoo",
                Map.of(
                    "serve_http",
                    true,
                    "serve_https",
                    "false",
                    "relative_url",
                    "el9/x86_64/",
                    "ssl_auth_ca_cert",
                    Pems.generate(dir).certificate()),
                NONE))
        .isEqualTo(ValidationResult.valid());
  }

  @Test
  void refusesRelativeUrlsThatCouldEscape() {
    for (String bad : List.of("/abs", "a/../b", "..", "a//b", "a b", "a\\b", "")) {
      ValidationResult result = validate("zoo", Map.of("relative_url", bad), NONE);
      assertThat(result).as(bad).isInstanceOf(ValidationResult.Invalid.class);
      assertThat(((ValidationResult.Invalid) result).fields()).containsExactly("relative_url");
    }
  }

  @Test
  void refusesRelativeUrlAnotherRepositoryPublishesAtOrAround() {
    ConfigConduit taken =
        others(
            new ConfiguredDistributor("other", "web", Map.of("relative_url", "el9/x86_64")),
            new ConfiguredDistributor("plain", "web", Map.of()));

    ValidationResult same = validate("zoo", Map.of("relative_url", "el9/x86_64/"), taken);
    ValidationResult inside = validate("zoo", Map.of("relative_url", "el9/x86_64/extra"), taken);
    ValidationResult around = validate("zoo", Map.of("relative_url", "el9"), taken);
    ValidationResult defaultTaken = validate("zoo", Map.of("relative_url", "plain"), taken);
    ValidationResult free = validate("zoo", Map.of("relative_url", "el9/aarch64"), taken);

    assertThat(((ValidationResult.Invalid) same).message()).contains("repository other");
    assertThat(inside).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(around).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) defaultTaken).message()).contains("repository plain");
    assertThat(free).isEqualTo(ValidationResult.valid());
  }

  @Test
  void refusesUnknownKeysAndBadTypes() {
    ValidationResult.Invalid result =
        (ValidationResult.Invalid)
            validate("zoo", Map.of("serve_http", "sometimes", "publish_to", "x"), NONE);

    assertThat(result.fields()).containsExactlyInAnyOrder("serve_http", "publish_to");
  }

  @Test
  void payloadTellsConsumersWhereAndHow() {
    Map<String, Object> payload =
        new IsoDistributor()
            .createConsumerPayload(
                Repository.named("zoo"),
                PluginCallConfiguration.of(Map.of("serve_http", true, "relative_url", "isos/zoo")),
                Map.of());

    assertThat(payload)
        .containsEntry("relative_path", "/pulp/isos/isos/zoo/")
        .containsEntry("protocols", List.of("http", "https"))
        .containsEntry("ssl_auth", false);
  }

  @Test
  void serviceLoaderFindsThePlugin() {
    assertThat(ServiceLoader.load(Importer.class).stream().map(p -> p.type().getSimpleName()))
        .contains("IsoImporter");
    assertThat(ServiceLoader.load(Distributor.class).stream().map(p -> p.type().getSimpleName()))
        .contains("IsoDistributor");
    assertThat(new FileContentTypes().definitions().get(0).unitKey())
        .containsExactly("name", "checksum", "size");
  }
}
