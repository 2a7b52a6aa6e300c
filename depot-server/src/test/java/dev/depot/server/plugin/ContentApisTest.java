package dev.depot.server.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.ContentApi;
import dev.depot.plugin.ContentRequest;
import dev.depot.plugin.ContentResponse;
import dev.depot.plugin.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Content APIs are checked at load, started once, and listed for webserver-config. */
class ContentApisTest {
  @TempDir Path dir;
  final ClassLoader loader = getClass().getClassLoader();

  /** An API at a given prefix, remembering the platform it was started with. */
  static class At implements ContentApi {
    final String prefix;
    final AtomicReference<Platform> started = new AtomicReference<>();

    At(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public String prefix() {
      return prefix;
    }

    @Override
    public void start(Platform platform) {
      started.set(platform);
    }

    @Override
    public ContentResponse handle(ContentRequest request) {
      return ContentResponse.json("{}");
    }
  }

  static final class Other extends At {
    Other(String prefix) {
      super(prefix);
    }
  }

  @Test
  void aPrefixUnderPulpOrMalformedStopsTheServerNamingTheClass() {
    for (String bad : List.of("/pulp", "/pulp/x", "pulp_x", "/Pulp_x", "/a//b", "/a/", "/a/..")) {
      assertThatThrownBy(() -> ContentApis.of(List.of(new At(bad)), loader))
          .as(bad)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(At.class.getName())
          .hasMessageContaining(bad);
    }
  }

  @Test
  void twoApisAtTheSameOrNestedPrefixesStopTheServerNamingBoth() {
    for (String second : List.of("/pulp_x/api", "/pulp_x/api/v3", "/pulp_x")) {
      assertThatThrownBy(
              () -> ContentApis.of(List.of(new At("/pulp_x/api"), new Other(second)), loader))
          .as(second)
          .hasMessageContaining(At.class.getName())
          .hasMessageContaining(Other.class.getName());
    }
    assertThat(
            ContentApis.of(List.of(new At("/pulp_x/api"), new Other("/pulp_x/api2")), loader)
                .mounted())
        .extracting(ContentApis.Mounted::prefix)
        .containsExactly("/pulp_x/api", "/pulp_x/api2");
  }

  @Test
  void startsEachApiOnceAndListsThePrefixes() throws Exception {
    At api = new At("/pulp_x/api");
    ContentApis apis = ContentApis.of(List.of(api), loader);
    Platform platform = Platform.publishingUnder(dir.resolve("published"));

    assertThat(apis.awaitStarted(Duration.ZERO)).isFalse();
    apis.start(platform);
    apis.start(Platform.publishingUnder(dir.resolve("elsewhere")));
    apis.writeList(dir.resolve("published"));

    assertThat(apis.awaitStarted(Duration.ZERO)).isTrue();
    assertThat(api.started.get()).isSameAs(platform);
    assertThat(Files.readString(dir.resolve("published/content-apis")))
        .isEqualTo("/pulp_x/api " + At.class.getName() + "\n");
  }
}
