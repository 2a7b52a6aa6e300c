package dev.depot.publish.tree;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServedTreeTest {
  private static final ServedTree NOTES = new ServedTree("note_distributor", "notes");
  private static final Repository ZOO = Repository.named("zoo");

  @TempDir Path dir;

  private Platform platform() {
    return new Platform(
        dir.resolve("published"),
        URI.create("http://depot.example:8080/"),
        URI.create("https://depot.example:8443/"),
        "CA");
  }

  private static ValidationResult check(Map<String, ?> config) {
    ConfigCheck check = new ConfigCheck(PluginCallConfiguration.of(config));
    NOTES.check(check, ZOO);
    return check.result();
  }

  @Test
  void refusesAnEscapingRelativeUrlAndANonBooleanServeNamingTheKey() {
    assertThat(check(Map.of("relative_url", "a/../../etc")))
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid -> assertThat(invalid.fields()).containsExactly("relative_url"));
    assertThat(check(Map.of("serve_http", "sometimes")))
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid -> assertThat(invalid.fields()).containsExactly("serve_http"));
    assertThat(check(Map.of("relative_url", "team/notes/", "serve_https", false)))
        .isEqualTo(ValidationResult.valid());
  }

  @Test
  void aTreeAlwaysAtTheRepositoryIdClaimsItAsTheTypesNotARelativeUrl() {
    ServedTree atId = NOTES.atRepositoryId();

    assertThat(atId.servedPaths(ZOO, PluginCallConfiguration.of(Map.of())))
        .containsExactly(new ServedPath("distributor_type_id", "notes/zoo", "zoo"));
  }

  @Test
  void servesHttpsOnlyAtTheRepositoryIdByDefault() {
    PluginCallConfiguration config = PluginCallConfiguration.of(Map.of());

    assertThat(NOTES.protocols(config)).containsExactly("https");
    assertThat(NOTES.servedPaths(ZOO, config))
        .containsExactly(new ServedPath("relative_url", "notes/zoo", "zoo"));
    assertThat(NOTES.locations(platform(), NOTES.relativeUrl(ZOO, config), config))
        .containsExactly(
            new PublishedLocation(
                "https", "/pulp/notes/zoo/", dir.resolve("published/https/notes/zoo")));
  }

  @Test
  void protocolKeysRenameTheSwitchesAndARequiredRelativeUrlMustBeGiven() {
    ServedTree yum =
        new ServedTree("yum_like", "repos").protocolKeys("http", "https").relativeUrlRequired();
    ConfigCheck missing = new ConfigCheck(PluginCallConfiguration.of(Map.of("http", true)));
    yum.check(missing, ZOO);
    assertThat(missing.result())
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid -> assertThat(invalid.fields()).containsExactly("relative_url"));
    ConfigCheck badHttp =
        new ConfigCheck(PluginCallConfiguration.of(Map.of("relative_url", "r", "http", "yes")));
    yum.check(badHttp, ZOO);
    assertThat(badHttp.result())
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid -> assertThat(invalid.fields()).containsExactly("http"));

    var config = PluginCallConfiguration.of(Map.of("relative_url", "r", "http", true));
    assertThat(yum.keys()).containsExactlyInAnyOrder("relative_url", "http", "https");
    assertThat(yum.protocols(config)).containsExactly("http", "https");
    assertThat(yum.protocols(PluginCallConfiguration.of(Map.of("https", false)))).isEmpty();
    assertThat(yum.protocols(PluginCallConfiguration.of(Map.of("serve_http", true))))
        .as("the default names mean nothing once renamed")
        .containsExactly("https");
  }

  @Test
  void claimsNothingForARelativeUrlItRefuses() {
    assertThat(NOTES.servedPaths(ZOO, PluginCallConfiguration.of(Map.of("relative_url", "../x"))))
        .isEmpty();
  }

  @Test
  void theConsumerPayloadFollowsTheConfig() {
    var config = PluginCallConfiguration.of(Map.of("relative_url", "a/b", "serve_http", true));

    assertThat(NOTES.consumerPayload(platform(), ZOO, config))
        .containsEntry("relative_path", "/pulp/notes/a/b/")
        .containsEntry("protocols", List.of("http", "https"))
        .containsEntry(
            "urls",
            Map.of(
                "http", "http://depot.example:8080/pulp/notes/a/b/",
                "https", "https://depot.example:8443/pulp/notes/a/b/"))
        .containsEntry("ca_cert", "CA");
    var httpOnly = PluginCallConfiguration.of(Map.of("serve_http", true, "serve_https", false));
    assertThat(NOTES.consumerPayload(platform(), ZOO, httpOnly)).containsEntry("ca_cert", null);
  }

  @Test
  void commitServesTheProtocolsAskedAndStopsTheOthers() throws Exception {
    Platform platform = platform();
    RelativeUrl url = RelativeUrl.parse("zoo");
    Path master = NOTES.masterDir(platform, ZOO, "web");
    var both = PluginCallConfiguration.of(Map.of("serve_http", true));
    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.write("INDEX", out -> out.write("one\n".getBytes()));
      assertThat(NOTES.commit(build, platform, url, both, List.of())).hasSize(2);
    }
    assertThat(NOTES.servedLink(platform, "http", url).resolve("INDEX")).hasContent("one");
    assertThat(NOTES.stillServing(platform, url, master)).hasSize(2);

    var httpsOnly = PluginCallConfiguration.of(Map.of());
    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.write("INDEX", out -> out.write("two\n".getBytes()));
      NOTES.commit(build, platform, url, httpsOnly, List.of());
    }
    assertThat(Files.exists(NOTES.servedLink(platform, "http", url))).isFalse();
    assertThat(NOTES.readableLink(platform, url, httpsOnly).resolve("INDEX")).hasContent("two");

    NOTES.unpublish(platform, ZOO, "web", httpsOnly);
    assertThat(Files.exists(NOTES.servedLink(platform, "https", url))).isFalse();
    assertThat(Files.exists(master)).isFalse();
  }

  @Test
  void unpublishingAfterTheRelativeUrlChangedLeavesNoLinkAtTheOldPlace() throws Exception {
    Platform platform = platform();
    Path master = NOTES.masterDir(platform, ZOO, "web");
    var old = PluginCallConfiguration.of(Map.of("relative_url", "old/zoo", "serve_http", true));
    try (TreePublisher.Build build = TreePublisher.begin(master)) {
      build.write("INDEX", out -> out.write("one\n".getBytes()));
      NOTES.commit(build, platform, NOTES.relativeUrl(ZOO, old), old, List.of());
    }
    var moved = PluginCallConfiguration.of(Map.of("relative_url", "new/zoo", "serve_http", true));
    Path other = dir.resolve("published/http/notes/old/other");
    Files.createSymbolicLink(other, dir); // another distributor's link beside it stays

    NOTES.unpublish(platform, ZOO, "web", moved);

    for (String protocol : List.of("http", "https")) {
      assertThat(Files.isSymbolicLink(dir.resolve("published/" + protocol + "/notes/old/zoo")))
          .as("a %s link left where the tree was last published", protocol)
          .isFalse();
    }
    assertThat(Files.isSymbolicLink(other)).isTrue();
    assertThat(master).doesNotExist();
  }
}
