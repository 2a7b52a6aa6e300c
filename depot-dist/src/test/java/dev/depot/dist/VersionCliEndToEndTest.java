package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Repository versions as a user meets them, driven with the CLI: each upload and removal is a
 * version; an old version is published while a newer one is latest and served over HTTP (curl); the
 * next publish of the latest changes only what changed since the tree it takes over; a rollback
 * brings an old version back; retention drops the oldest versions.
 */
class VersionCliEndToEndTest extends CliServerTest {
  /**
   * The served manifest once it names {@code present} and not {@code absent} (or after three
   * seconds): the content server revalidates the files it caches once a second, so a publish shows
   * within that.
   */
  private String manifestShowing(String present, String absent) throws Exception {
    String text = "";
    for (int i = 0; i < 30 && !(text.contains(present) && !text.contains(absent)); i++) {
      if (i > 0) {
        Thread.sleep(100);
      }
      Curl.Result got =
          Curl.run("http://127.0.0.1:" + server.depot().port() + "/pulp/isos/zoo/PULP_MANIFEST");
      text = got.text();
    }
    return text;
  }

  private Path file(String name) throws Exception {
    Path file = dir.resolve(name);
    Files.writeString(file, "content of " + name);
    return file;
  }

  @Test
  void publishDiffRollBackAndRetainVersions() throws Exception {
    server.succeed(
        "repo",
        "create",
        "zoo",
        "--importer",
        "iso_importer",
        "--distributor",
        "iso_distributor:web",
        "--distributor-option",
        "web.serve_http=true");
    server.succeed("repo", "upload", "zoo", file("a.iso").toString());
    server.succeed("repo", "upload", "zoo", file("b.iso").toString());
    server.succeed("repo", "publish", "zoo", "--distributor", "web");
    server.succeed("repo", "remove-units", "zoo", "--filter", "name=a.iso");

    CliServer.Run listed = server.succeed("repo", "versions", "list", "zoo");
    assertThat(listed.out()).contains("VERSION", "iso=1");
    JsonNode versions = server.succeed("--json", "repo", "versions", "list", "zoo").json();
    assertThat(versions).hasSize(4);
    assertThat(versions.at("/0/number").asLong()).isEqualTo(3);
    assertThat(versions.at("/0/removed/iso").asLong()).isEqualTo(1);

    CliServer.Run diff =
        server.succeed("repo", "versions", "diff", "zoo", "3", "--from", "1", "--units");
    assertThat(diff.out())
        .contains("From version 1 to 3", "+ iso", "name=b.iso", "- iso", "name=a.iso");
    CliServer.Run units = server.succeed("repo", "versions", "units", "zoo", "1");
    assertThat(units.out()).contains("a.iso").doesNotContain("b.iso");

    CliServer.Run old =
        server.succeed("repo", "publish", "zoo", "--distributor", "web", "--version", "1");
    assertThat(old.out()).contains("version 1");
    assertThat(manifestShowing("a.iso", "b.iso")).contains("a.iso").doesNotContain("b.iso");

    JsonNode latest =
        server.succeed("--json", "repo", "publish", "zoo", "--distributor", "web").json();
    assertThat(latest.at("/result/summary/mode").asText()).isEqualTo("changes");
    assertThat(latest.at("/result/summary/from_version").asLong()).isEqualTo(2);
    assertThat(manifestShowing("b.iso", "a.iso")).contains("b.iso").doesNotContain("a.iso");

    server.succeed("repo", "versions", "rollback", "zoo", "2");
    assertThat(server.succeed("--json", "repo", "units", "zoo").json()).hasSize(2);
    assertThat(
            server
                .succeed("--json", "repo", "versions", "show", "zoo", "4")
                .json()
                .at("/content_unit_counts/iso")
                .asLong())
        .isEqualTo(2);

    CliServer.Run latestDelete = server.run("repo", "versions", "delete", "zoo", "4");
    assertThat(latestDelete.code()).isNotZero();
    assertThat(latestDelete.err()).contains("latest");
    server.succeed("repo", "update", "zoo", "--retain-versions", "2");
    assertThat(server.succeed("repo", "show", "zoo").out())
        .contains("Version:      4 (keeping the newest 2");
    JsonNode kept = server.succeed("--json", "repo", "versions", "list", "zoo").json();
    assertThat(kept).hasSize(2);
    assertThat(kept.at("/1/number").asLong()).isEqualTo(3);
    CliServer.Run gone =
        server.run("repo", "publish", "zoo", "--distributor", "web", "--version", "1");
    assertThat(gone.code()).isNotZero();
    assertThat(gone.err()).contains("version");
  }

  @Test
  void aRepositoryKeepingOneVersionStillRepublishesOnlyWhatChanged() throws Exception {
    server.succeed(
        "repo",
        "create",
        "zoo",
        "--importer",
        "iso_importer",
        "--distributor",
        "iso_distributor:web",
        "--distributor-option",
        "web.serve_http=true",
        "--retain-versions",
        "1");
    server.succeed("repo", "upload", "zoo", file("a.iso").toString());
    server.succeed("repo", "publish", "zoo", "--distributor", "web"); // tree 1 shows version 1
    server.succeed("repo", "upload", "zoo", file("b.iso").toString());
    server.succeed("repo", "publish", "zoo", "--distributor", "web"); // tree 2 shows version 2
    server.succeed("repo", "upload", "zoo", file("c.iso").toString());

    // Version 1 has left the list, but tree 1 still shows it: the publish updates that tree.
    assertThat(server.succeed("--json", "repo", "versions", "list", "zoo").json()).hasSize(1);
    JsonNode third =
        server.succeed("--json", "repo", "publish", "zoo", "--distributor", "web").json();
    assertThat(third.at("/result/summary/mode").asText()).isEqualTo("changes");
    assertThat(third.at("/result/summary/from_version").asLong()).isEqualTo(1);
    assertThat(third.at("/result/summary/links_added").asLong()).isEqualTo(2);
    assertThat(manifestShowing("c.iso", "zzz.iso")).contains("a.iso", "b.iso", "c.iso");

    server.succeed("repo", "remove-units", "zoo", "--filter", "name=a.iso");
    JsonNode fourth =
        server.succeed("--json", "repo", "publish", "zoo", "--distributor", "web").json();
    assertThat(fourth.at("/result/summary/mode").asText()).isEqualTo("changes");
    assertThat(fourth.at("/result/summary/from_version").asLong()).isEqualTo(2);
    assertThat(manifestShowing("c.iso", "a.iso")).contains("b.iso").doesNotContain("a.iso");
  }
}
