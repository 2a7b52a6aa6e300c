package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uploaded modules published as Pulp's tree, with the Forge pages puppet reads. */
class PuppetPublishTest {
  static final PluginCallConfiguration HTTP = PluginCallConfiguration.of(Map.of());

  @TempDir Path dir;
  InMemoryContent content;
  PuppetDistributor distributor;

  @BeforeEach
  void setUp() {
    content = InMemoryContent.under(dir.resolve("store"), "forge1");
    distributor = new PuppetDistributor();
    distributor.init(
        new Platform(
            dir.resolve("published"),
            URI.create("http://depot.example.com/"),
            URI.create("https://depot.example.com/"),
            "CA PEM"));
  }

  @Test
  void publishesPulpsTreeOverHttpByDefault() throws Exception {
    Path web = TestModules.upload(content, dir, "acme", "web", "1.0.0", "acme-base >= 1.0.0");
    TestModules.upload(content, dir, "acme", "web", "1.1.0", "acme-base >= 1.0.0");
    TestModules.upload(content, dir, "acme", "base", "1.0.0");

    assertThat(publish()).isInstanceOf(PublishReport.Published.class);

    Path tree = dir.resolve("published/http/puppet/forge1");
    assertThat(tree.resolve("system/releases/a/acme/acme-web-1.0.0.tar.gz"))
        .hasSameBinaryContentAs(web);
    assertThat(tree.resolve("system/releases/a/acme/acme-base-1.0.0.tar.gz")).isRegularFile();
    assertThat(dir.resolve("published/https/puppet/forge1")).doesNotExist();
    JsonNode modules = json(tree.resolve("modules.json"));
    assertThat(modules).hasSize(3);
    assertThat(modules.get(0).get("name").asText()).isEqualTo("base");
    assertThat(modules.get(0).get("author").asText()).isEqualTo("acme");
    assertThat(modules.get(0).get("tag_list").get(1).asText()).isEqualTo("base");
  }

  @Test
  void aForgePageListsEveryReleaseOfAModuleWithWhatPuppetChecks() throws Exception {
    Path web =
        TestModules.upload(content, dir, "acme", "web", "1.0.0", "acme-base >= 1.0.0 < 2.0.0");
    TestModules.upload(content, dir, "acme", "web", "1.1.0");
    publish();

    JsonNode page =
        json(dir.resolve("published/http/puppet/forge1/forge/v3/releases/acme-web.json"));

    assertThat(page.get("pagination").get("next").isNull()).isTrue();
    assertThat(page.get("pagination").get("total").asInt()).isEqualTo(2);
    // Newest first, as the Forge answers: the 1.0.0 release is the second.
    assertThat(page.get("results").get(0).get("version").asText()).isEqualTo("1.1.0");
    JsonNode first = page.get("results").get(1);
    assertThat(first.get("file_uri").asText()).isEqualTo("/v3/files/acme-web-1.0.0.tar.gz");
    assertThat(first.get("file_sha256").asText()).isEqualTo(ModuleTarball.read(web).sha256());
    assertThat(first.get("file_md5").asText()).isEqualTo(ModuleTarball.read(web).md5());
    assertThat(first.get("metadata").get("name").asText()).isEqualTo("acme-web");
    assertThat(first.get("metadata").get("dependencies").get(0).get("version_requirement").asText())
        .isEqualTo(">= 1.0.0 < 2.0.0");
    assertThat(first.get("module").get("owner").get("username").asText()).isEqualTo("acme");
  }

  @Test
  void aRemovedModuleLeavesTreeListAndForge() throws Exception {
    TestModules.upload(content, dir, "acme", "web", "1.0.0");
    TestModules.upload(content, dir, "acme", "db", "2.0.0");
    publish();
    content.remove(
        content.units().stream()
            .filter(u -> u.unitKey().get("name").equals("db"))
            .findFirst()
            .orElseThrow());

    publish();

    Path tree = dir.resolve("published/http/puppet/forge1");
    assertThat(tree.resolve("system/releases/a/acme/acme-db-2.0.0.tar.gz")).doesNotExist();
    assertThat(tree.resolve("forge/v3/releases/acme-db.json")).doesNotExist();
    assertThat(tree.resolve("forge/v3/releases/acme-web.json")).isRegularFile();
    assertThat(json(tree.resolve("modules.json"))).hasSize(1);
  }

  @Test
  void theConsumerPayloadNamesTheForgeOfEachProtocol() {
    var both = PluginCallConfiguration.of(Map.of("serve_https", true));
    Map<String, Object> payload =
        distributor.createConsumerPayload(content.repository(), both, Map.of());
    assertThat(payload.get("module_repositories"))
        .isEqualTo(
            Map.of(
                "http", "http://depot.example.com/pulp_puppet/forge/repository/forge1",
                "https", "https://depot.example.com/pulp_puppet/forge/repository/forge1"));
    assertThat(payload.get("relative_path")).isEqualTo("/pulp/puppet/forge1/");
  }

  private PublishReport publish() {
    return distributor.publishRepo(
        content.repository(), content.publishConduit("puppet_web"), HTTP);
  }

  private static JsonNode json(Path file) throws Exception {
    return ModuleRelease.JSON.readTree(file.toFile());
  }
}
