package dev.depot.plugins.example;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.testkit.LocalSshd;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code memo_rsync_distributor} pushes a published memo tree with real rsync over ssh. */
class MemoRsyncTest {
  @TempDir static Path sshdDir;
  static LocalSshd sshd;
  @TempDir Path dir;

  @BeforeAll
  static void startSshd() throws Exception {
    sshd = LocalSshd.start(sshdDir.resolve("sshd"));
  }

  @AfterAll
  static void stopSshd() throws Exception {
    if (sshd != null) {
      sshd.close();
    }
  }

  @Test
  void pushesWhatTheMemoDistributorPublished() throws Exception {
    Repository team = Repository.named("team");
    Map<String, String> memos = Map.of("monday.txt", "stand-up at nine\n");
    Path feed = Feeds.write(dir.resolve("feed"), memos, null);
    MemoryRepository repo = new MemoryRepository(dir.resolve("store"));
    Path work = Files.createDirectories(dir.resolve("work"));
    var sync = PluginCallConfiguration.of(Map.of("feed", feed.toUri().toString()));
    assertThat(new MemoImporter().syncRepo(team.withWorkingDir(work), repo, sync))
        .isInstanceOf(SyncReport.Synced.class);
    Platform platform = Platform.publishingUnder(dir.resolve("published"));
    Map<String, Object> web = Map.of("relative_url", "team/memos");
    MemoDistributor distributor = new MemoDistributor();
    distributor.init(platform);
    assertThat(distributor.publishRepo(team, repo, PluginCallConfiguration.of(web)))
        .isInstanceOf(PublishReport.Published.class);
    repo.siblings.put("web", new ConfiguredDistributor("team", "web", web));

    MemoRsyncDistributor rsync = new MemoRsyncDistributor();
    rsync.init(platform);
    PublishReport report = rsync.publishRepo(team, repo, PluginCallConfiguration.of(config()));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    Path pushed = dir.resolve("remote/team/memos");
    assertThat(pushed.resolve("monday.txt")).hasContent("stand-up at nine");
    assertThat(pushed.resolve("SHA256SUMS")).content().contains("  monday.txt");
  }

  private Map<String, Object> config() {
    Map<String, Object> remote = new LinkedHashMap<>();
    remote.put("host", "127.0.0.1");
    remote.put("port", sshd.port);
    remote.put("ssh_user", LocalSshd.user());
    remote.put("ssh_identity_file", sshd.clientKey.toString());
    remote.put("root", dir.resolve("remote").toString());
    return Map.of("predistributor_id", "web", "remote", remote);
  }
}
