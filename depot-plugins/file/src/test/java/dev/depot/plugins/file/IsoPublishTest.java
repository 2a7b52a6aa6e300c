package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The iso distributor's publish on a real file system, with the platform played by the test. */
class IsoPublishTest {
  @TempDir Path dir;

  private Unit unit(String name, String content) throws Exception {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    Path file = Files.createDirectories(dir.resolve("store").resolve(name)).resolve("f");
    Files.write(file, bytes);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    return new Unit(
        name,
        "iso",
        Map.of("name", name, "checksum", sha, "size", (long) bytes.length),
        Map.of(),
        file);
  }

  /** A conduit over a fixed list of units that can cancel the publish after some of them. */
  private static final class Conduit implements PublishConduit {
    final List<Unit> units;
    final Runnable afterFirst;

    Conduit(List<Unit> units, Runnable afterFirst) {
      this.units = units;
      this.afterFirst = afterFirst;
    }

    @Override
    public Stream<Unit> units(UnitCriteria criteria) {
      int[] seen = {0};
      return units.stream()
          .peek(
              u -> {
                if (seen[0]++ == 1) {
                  afterFirst.run();
                }
              });
    }

    @Override
    public String distributorId() {
      return "web";
    }

    @Override
    public Optional<Instant> lastPublish() {
      return Optional.empty();
    }

    @Override
    public void setProgress(Object report) {}

    @Override
    public Optional<Map<String, Object>> scratchpad() {
      return Optional.empty();
    }

    @Override
    public void setScratchpad(Map<String, Object> value) {}

    @Override
    public Map<String, Object> repoScratchpad() {
      return Map.of();
    }

    @Override
    public void setRepoScratchpad(Map<String, Object> value) {}

    @Override
    public void updateRepoScratchpad(Map<String, Object> changes) {}
  }

  private IsoDistributor distributor() {
    IsoDistributor distributor = new IsoDistributor();
    distributor.init(Platform.publishingUnder(dir.resolve("published")));
    return distributor;
  }

  private static final PluginCallConfiguration HTTP =
      PluginCallConfiguration.of(Map.of("serve_http", true, "serve_https", false));

  @Test
  void aCancelledPublishLeavesThePreviousTreeServedAndNoBuildBehind() throws Exception {
    Repository repo = Repository.named("zoo");
    Unit a = unit("a.iso", "aaa");
    PublishReport first = distributor().publishRepo(repo, new Conduit(List.of(a), () -> {}), HTTP);
    assertThat(first.success()).isTrue();
    Path served = dir.resolve("published/http/isos/zoo");
    assertThat(served.resolve("PULP_MANIFEST")).hasContent(ManifestEntry.of(a).line() + "\n");

    IsoDistributor cancelled = distributor();
    List<Unit> more = new ArrayList<>(List.of(a, unit("b.iso", "bbb"), unit("c.iso", "ccc")));
    PublishReport second =
        cancelled.publishRepo(repo, new Conduit(more, cancelled::cancelPublishRepo), HTTP);

    assertThat(second.canceled()).isTrue();
    assertThat(served.resolve("PULP_MANIFEST")).hasContent(ManifestEntry.of(a).line() + "\n");
    assertThat(served.resolve("b.iso")).doesNotExist();
    try (Stream<Path> trees = Files.walk(dir.resolve("published/master"))) {
      assertThat(trees.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith(".building"));
    }
  }

  @Test
  void publishingTwiceGivesTheSameTreeAndSwitchingHttpOffUnpublishesIt() throws Exception {
    Repository repo = Repository.named("zoo");
    List<Unit> units = List.of(unit("a.iso", "aaa"), unit("sub/b.iso", "bbb"));
    distributor().publishRepo(repo, new Conduit(units, () -> {}), HTTP);
    Path served = dir.resolve("published/http/isos/zoo");
    String manifest = Files.readString(served.resolve("PULP_MANIFEST"));
    distributor().publishRepo(repo, new Conduit(units, () -> {}), HTTP);
    assertThat(served.resolve("PULP_MANIFEST")).hasContent(manifest);
    assertThat(served.resolve("sub/b.iso")).hasContent("bbb");

    distributor()
        .publishRepo(
            repo,
            new Conduit(units, () -> {}),
            PluginCallConfiguration.of(Map.of("serve_http", false)));

    assertThat(served).doesNotExist();
    assertThat(dir.resolve("published/https/isos/zoo/a.iso")).hasContent("aaa");
  }

  @Test
  void aLaterPublishTakesOverThePreviousTreeAndChangesOnlyWhatDiffers() throws Exception {
    Repository repo = Repository.named("zoo");
    Unit a = unit("a.iso", "aaa");
    Unit b = unit("b.iso", "bbb");
    Unit c = unit("c.iso", "ccc");
    Unit d = unit("d/d.iso", "ddd");
    distributor().publishRepo(repo, new Conduit(List.of(a, b), () -> {}), HTTP);
    Thread.sleep(5);
    distributor().publishRepo(repo, new Conduit(List.of(a, b, c), () -> {}), HTTP);
    Thread.sleep(5);

    PublishReport third =
        distributor().publishRepo(repo, new Conduit(List.of(a, c, d), () -> {}), HTTP);

    @SuppressWarnings("unchecked")
    Map<String, Object> summary = (Map<String, Object>) third.summary();
    assertThat(summary)
        .containsEntry("mode", "incremental")
        .containsEntry("links_added", 2L) // c and d, against the first tree [a, b]
        .containsEntry("links_removed", 1L)
        .containsEntry("links_unchanged", 1L);
    Path served = dir.resolve("published/http/isos/zoo");
    try (Stream<Path> files = Files.walk(served.toRealPath())) {
      assertThat(files.filter(Files::isSymbolicLink).map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("a.iso", "c.iso", "d.iso");
    }
    assertThat(served.resolve("d/d.iso")).hasContent("ddd");
    assertThat(served.resolve("PULP_MANIFEST"))
        .hasContent(
            String.join(
                "\n",
                ManifestEntry.of(a).line(),
                ManifestEntry.of(c).line(),
                ManifestEntry.of(d).line()));

    PublishReport forced =
        distributor()
            .publishRepo(
                repo,
                new Conduit(List.of(a, c, d), () -> {}),
                PluginCallConfiguration.of(Map.of("serve_http", true, "force_full", true)));
    @SuppressWarnings("unchecked")
    Map<String, Object> full = (Map<String, Object>) forced.summary();
    assertThat(full).containsEntry("mode", "full").containsEntry("links_added", 3L);
  }

  @Test
  void removingTheDistributorUnpublishesEverything() throws Exception {
    Repository repo = Repository.named("zoo");
    IsoDistributor distributor = distributor();
    distributor.publishRepo(repo, new Conduit(List.of(unit("a.iso", "a")), () -> {}), HTTP);

    distributor().distributorRemoved(repo, "web", HTTP);

    assertThat(dir.resolve("published/http/isos/zoo")).doesNotExist();
    assertThat(dir.resolve("published/master/iso_distributor/zoo")).isEmptyDirectory();
  }
}
