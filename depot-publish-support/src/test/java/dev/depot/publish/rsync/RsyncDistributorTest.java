package dev.depot.publish.rsync;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.ValidationResult;
import dev.depot.plugin.testkit.LocalSshd;
import dev.depot.plugin.testkit.TestConfigConduit;
import dev.depot.publish.testing.ListPublishConduit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic rsync distributor given a layout of a made-up {@code note} type: everything a type
 * gives is its id, its web distributor and where that one published; the push is real (rsync over
 * ssh to a local sshd).
 */
class RsyncDistributorTest {
  @TempDir static Path sshdDir;
  static LocalSshd sshd;

  @TempDir Path dir;
  Platform platform;
  Repository repo = Repository.named("zoo");
  ListPublishConduit conduit = new ListPublishConduit("push");

  /** Notes are published by a note_distributor below notes/<repo id>. */
  static final class NoteLayout implements RsyncLayout {
    @Override
    public PluginMetadata metadata() {
      return new PluginMetadata(
          "note_rsync_distributor", "Note Rsync Distributor", List.of("note"));
    }

    @Override
    public String predistributorTypeId() {
      return "note_distributor";
    }

    @Override
    public PublishedTree publishedTree(
        Platform platform, Repository repo, PluginCallConfiguration webConfig) {
      String path = webConfig.getString("path").orElse(repo.id());
      return new PublishedTree(
          platform.servedRoot("http").resolve("notes").resolve(path), "notes/" + path);
    }
  }

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

  @BeforeEach
  void publishedNotes() throws Exception {
    platform = Platform.publishingUnder(dir.resolve("published"));
    Path file = dir.resolve("content/units/note/ab/abcd/hello.txt");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "hello");
    conduit.units.add(new Unit("1", "note", Map.of("name", "hello.txt"), Map.of(), file));
    Path tree = Files.createDirectories(platform.servedRoot("http").resolve("notes/zoo"));
    Files.createSymbolicLink(tree.resolve("hello.txt"), file);
    Files.writeString(tree.resolve("NOTES_INDEX"), "hello.txt\n");
    conduit.siblings.put("web", new ConfiguredDistributor("zoo", "web", Map.of()));
  }

  private RsyncDistributor distributor() {
    RsyncDistributor distributor = new RsyncDistributor(new NoteLayout());
    distributor.init(platform);
    return distributor;
  }

  private Map<String, Object> config(String predistributor) {
    Map<String, Object> remote = new LinkedHashMap<>();
    remote.put("host", "127.0.0.1");
    remote.put("port", sshd.port);
    remote.put("ssh_user", LocalSshd.user());
    remote.put("ssh_identity_file", sshd.clientKey.toString());
    remote.put("root", dir.resolve("remote").toString());
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("predistributor_id", predistributor);
    config.put("remote", remote);
    return config;
  }

  private PublishReport publish(Map<String, Object> config) {
    return distributor().publishRepo(repo, conduit, PluginCallConfiguration.of(config));
  }

  @Test
  void pushesTheTypesUnitsAndThePublishedTreeUnderTheLayoutsId() throws Exception {
    PublishReport report = publish(config("web"));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(distributor().metadata().id()).isEqualTo("note_rsync_distributor");
    Path remoteTree = dir.resolve("remote/notes/zoo");
    assertThat(remoteTree.resolve("NOTES_INDEX")).hasContent("hello.txt");
    assertThat(remoteTree.resolve("hello.txt")).hasContent("hello");
    assertThat(Files.readSymbolicLink(remoteTree.resolve("hello.txt")).isAbsolute()).isFalse();
    assertThat(dir.resolve("remote/content/units/note/ab/abcd/hello.txt")).hasContent("hello");
    assertThat(conduit.scratchpad().orElseThrow()).containsEntry("units_pushed", 1L);
    assertThat(platform.masterDir("note_rsync_distributor", "zoo", "push").resolve("known_hosts"))
        .exists();
    assertThat(((PublishReport.Published) report).locations())
        .containsExactly(
            new PublishedLocation(
                "rsync",
                "-e 'ssh -p "
                    + sshd.port
                    + "' "
                    + LocalSshd.user()
                    + "@127.0.0.1:"
                    + dir.resolve("remote")
                    + "/notes/zoo/",
                null));
  }

  @Test
  void theReportedLocationFetchesThePushWithRsyncAsWrittenOnSshsOwnPort() throws Exception {
    PublishReport report = publish(config("web"));
    String location = ((PublishReport.Published) report).locations().getFirst().servedPath();
    // The user's own ssh setup (key, known hosts) stands in front of ssh on the PATH.
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path ssh = bin.resolve("ssh");
    Files.writeString(
        ssh,
        "#!/bin/sh\nexec /usr/bin/ssh -i "
            + sshd.clientKey
            + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no"
            + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \"$@\"\n");
    assertThat(ssh.toFile().setExecutable(true)).isTrue();
    Path client = dir.resolve("client");

    ProcessBuilder fetch =
        new ProcessBuilder("sh", "-c", "rsync -rL " + location + " " + client + "/")
            .redirectErrorStream(true);
    fetch.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    Process rsync = fetch.start();
    String output = new String(rsync.getInputStream().readAllBytes());

    assertThat(rsync.waitFor()).as(output).isZero();
    assertThat(client.resolve("hello.txt")).hasContent("hello");
    assertThat(client.resolve("NOTES_INDEX")).hasContent("hello.txt");
  }

  @Test
  void pushesTheTreeWhereThePredistributorRecordedItNotWhereItsConfigPointsTo() throws Exception {
    Path recorded = Files.createDirectories(dir.resolve("published/http/elsewhere/zoo"));
    Files.writeString(recorded.resolve("NOTES_INDEX"), "recorded\n");
    conduit.locations.put(
        "web", List.of(new PublishedLocation("http", "/pulp/elsewhere/zoo/", recorded)));

    PublishReport report = publish(config("web"));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(dir.resolve("remote/notes/zoo/NOTES_INDEX")).hasContent("recorded");
  }

  @Test
  void aPushOfUnitsOnlyReportsTheUnitsDirectory() {
    Map<String, Object> config = config("web");
    config.put("content_units_only", true);

    PublishReport report = publish(config);

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(((PublishReport.Published) report).locations())
        .extracting(PublishedLocation::servedPath)
        .containsExactly(
            "-e 'ssh -p "
                + sshd.port
                + "' "
                + LocalSshd.user()
                + "@127.0.0.1:"
                + dir.resolve("remote")
                + "/content/units/");
    assertThat(dir.resolve("remote/notes/zoo")).doesNotExist();
  }

  @Test
  void aMissingPredistributorIsRefusedNamingTheTypesWebDistributor() {
    ValidationResult result =
        distributor()
            .validateConfig(
                repo,
                PluginCallConfiguration.of(Map.of("remote", config("web").get("remote"))),
                TestConfigConduit.empty());

    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).message())
        .contains("predistributor_id is required: the id of the note_distributor on this");
  }

  @Test
  void anIdentityFileInsideTheDataDirectoryIsRefusedWithoutNamingIt() throws Exception {
    Path data = Files.createDirectories(dir.resolve("depot-data/tls"));
    dev.depot.publish.files.LocalPaths.registerPrivate(data.getParent());
    Path caKey = Files.writeString(data.resolve("ca.key"), "-----BEGIN PRIVATE KEY-----\n");
    @SuppressWarnings("unchecked")
    Map<String, Object> remote = (Map<String, Object>) config("web").get("remote");
    remote.put("ssh_identity_file", caKey.toString());

    ValidationResult result =
        distributor()
            .validateConfig(
                repo,
                PluginCallConfiguration.of(Map.of("predistributor_id", "web", "remote", remote)),
                TestConfigConduit.empty());

    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).message())
        .contains("remote.ssh_identity_file must not lie inside Depot's data directory")
        .doesNotContain(caKey.toString());
  }

  @Test
  void aPredistributorThatIsNoWebDistributorOfTheRepositoryFailsThePush() {
    PublishReport report = publish(config("elsewhere"));

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(String.valueOf(report.summary()))
        .contains("predistributor_id elsewhere is not a note_distributor of repository zoo");
    assertThat(dir.resolve("remote")).doesNotExist();
  }

  @Test
  void aTreeNotYetPublishedFailsThePushAskingToPublishFirst() {
    conduit.siblings.put("web", new ConfiguredDistributor("zoo", "web", Map.of("path", "later")));

    PublishReport report = publish(config("web"));

    assertThat(report).isInstanceOf(PublishReport.Failed.class);
    assertThat(String.valueOf(report.summary()))
        .contains("Distributor web has not published repository zoo yet");
  }
}
