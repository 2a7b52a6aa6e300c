package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.puppet.TestModules;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * A {@code puppet_rsync_distributor} whose {@code predistributor_id} names the repository's
 * export_distributor, not its puppet_distributor: the push is refused naming the type it needs,
 * before any connection, instead of pushing the export's ISO images as the Forge tree.
 */
class RsyncPredistributorTypeEndToEndTest extends CliServerTest {
  @Test
  void aPredistributorOfAnotherTypeIsRefusedNotPushed() throws Exception {
    Path key = Files.writeString(dir.resolve("push_key"), "not used: refused before ssh\n");
    server.succeed(
        "repo",
        "create",
        "forge1",
        "--importer",
        "puppet_importer",
        "--distributor",
        "puppet_distributor:web",
        "--distributor",
        "export_distributor:media",
        "--distributor-option",
        "media.http=true",
        "--distributor-option",
        "media.https=false");
    Path modules = Files.createDirectories(dir.resolve("modules"));
    server.succeed(
        "repo",
        "upload",
        "forge1",
        TestModules.module(modules, "owlco", "lib", "1.3.0").toString());
    server.succeed("repo", "publish", "forge1", "--distributor", "web");
    server.succeed("repo", "publish", "forge1", "--distributor", "media");
    server.succeed(
        "repo",
        "distributor",
        "add",
        "forge1",
        "--type",
        "puppet_rsync_distributor",
        "--id",
        "push",
        "--config",
        "{\"predistributor_id\": \"media\", \"remote\": {\"host\": \"127.0.0.1\", \"port\": 1,"
            + " \"auth_type\": \"publickey\", \"ssh_user\": \"pulp\", \"ssh_identity_file\": \""
            + key
            + "\", \"root\": \"/srv/mirror\"}}");

    CliServer.Run push = server.run("repo", "publish", "forge1", "--distributor", "push");

    assertThat(push.code()).isNotZero();
    assertThat(push.err() + push.out())
        .contains("predistributor_id media is not a puppet_distributor of repository forge1");
  }
}
