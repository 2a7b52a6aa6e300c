package dev.depot.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncReport;
import dev.depot.publish.export.ExportDistributor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's {@code export_distributor} exports memos through the example's layout: the exported
 * tree is a memo feed again, and the ISO images are published.
 */
class MemoExportTest {
  @TempDir Path dir;
  MemoryRepository repo;
  static final Repository TEAM = Repository.named("team");

  @BeforeEach
  void syncSomeMemos() throws Exception {
    Map<String, String> memos = new LinkedHashMap<>();
    memos.put("monday.txt", "stand-up at nine\n");
    memos.put("tuesday.txt", "release day\n");
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    repo = new MemoryRepository(dir.resolve("store"));
    var config = PluginCallConfiguration.of(Map.of("feed", feed.toUri().toString()));
    Path work = Files.createDirectories(dir.resolve("work"));
    assertThat(new MemoImporter().syncRepo(TEAM.withWorkingDir(work), repo, config))
        .isInstanceOf(SyncReport.Synced.class);
  }

  private static ExportDistributor exporter(Path published) {
    ExportDistributor exporter =
        ServiceLoader.load(Distributor.class).stream()
            .map(ServiceLoader.Provider::get)
            .filter(ExportDistributor.class::isInstance)
            .map(ExportDistributor.class::cast)
            .findFirst()
            .orElseThrow();
    exporter.init(Platform.publishingUnder(published));
    return exporter;
  }

  private Repository working() throws Exception {
    return TEAM.withWorkingDir(Files.createTempDirectory(dir, "work"));
  }

  @Test
  void theRegisteredExportDistributorExportsMemos() {
    assertThat(exporter(dir).metadata().types()).contains("memo");
  }

  @Test
  void anExportDirIsAMemoFeedThatSyncsBack() throws Exception {
    Path out = Files.createDirectories(dir.resolve("media"));
    var config =
        PluginCallConfiguration.of(
            Map.of("export_dir", out.toString(), "http", false, "https", false));

    PublishReport report = exporter(dir.resolve("published")).publishRepo(working(), repo, config);

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(out.resolve("tuesday.txt")).hasContent("release day");
    MemoryRepository copy = new MemoryRepository(dir.resolve("other-store"));
    var sync = PluginCallConfiguration.of(Map.of("feed", out.toUri().toString()));
    Path work = Files.createDirectories(dir.resolve("work2"));
    assertThat(new MemoImporter().syncRepo(TEAM.withWorkingDir(work), copy, sync))
        .isInstanceOf(SyncReport.Synced.class);
    assertThat(copy.memos()).containsOnlyKeys("monday.txt", "tuesday.txt");
  }

  @Test
  void imagesArePublishedUnderExports() throws Exception {
    var config =
        PluginCallConfiguration.of(Map.of("http", true, "https", false, "relative_url", "team"));

    PublishReport report = exporter(dir.resolve("published")).publishRepo(working(), repo, config);

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    try (Stream<Path> files = Files.list(dir.resolve("published/http/exports/team"))) {
      assertThat(files.map(f -> f.getFileName().toString()).toList())
          .anyMatch(name -> name.endsWith(".iso"));
    }
  }

  @Test
  void distributorsListedIncludeMemoRsync() {
    List<String> ids =
        ServiceLoader.load(Distributor.class).stream().map(p -> p.get().metadata().id()).toList();
    assertThat(ids).contains("memo_distributor", "memo_rsync_distributor", "export_distributor");
  }
}
