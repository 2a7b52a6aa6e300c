package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A repository holds one {@code iso} unit per name, as in Pulp since its bug 2773: a sync or copy
 * that brings a changed file replaces the old unit, so the next publish (which cannot lay out two
 * files at one path) succeeds and serves the new bytes. On both databases, served over real HTTP.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OneFilePerNameEndToEndTest {
  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  @Test
  void aSyncOfAChangedFileReplacesTheOldUnitAndThePublishServesTheNewBytes() throws Exception {
    Path feed = dir.resolve("feed");
    FileContentEndToEndTest.feed(feed, files("release 1\n"), null);
    FileContentEndToEndTest.createRepo(
        depot, "zoo", feed.toUri().toString(), "{\"serve_http\": true}");
    assertThat(FileContentEndToEndTest.sync(depot, "zoo").at("/state").asText())
        .isEqualTo("finished");
    FileContentEndToEndTest.publish(depot, "zoo");

    FileContentEndToEndTest.feed(feed, files("release 2, rebuilt\n"), null);
    JsonNode resync = FileContentEndToEndTest.sync(depot, "zoo");
    JsonNode published = FileContentEndToEndTest.publish(depot, "zoo");

    assertThat(resync.at("/state").asText()).as(resync.toString()).isEqualTo("finished");
    assertThat(FileContentEndToEndTest.isoCount(depot, "zoo")).isEqualTo(2);
    assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");
    assertThat(served("zoo", "app.iso")).isEqualTo("release 2, rebuilt\n");
    assertThat(served("zoo", "README")).isEqualTo("read me\n");
  }

  @Test
  void aCopyOfAChangedFileReplacesTheTargetsUnitOfThatName() throws Exception {
    Path oldFeed = dir.resolve("old");
    Path newFeed = dir.resolve("new");
    FileContentEndToEndTest.feed(oldFeed, files("release 1\n"), null);
    FileContentEndToEndTest.feed(newFeed, files("release 2, rebuilt\n"), null);
    FileContentEndToEndTest.createRepo(
        depot, "prod", oldFeed.toUri().toString(), "{\"serve_http\": true}");
    FileContentEndToEndTest.createRepo(
        depot, "dev", newFeed.toUri().toString(), "{\"serve_http\": true}");
    FileContentEndToEndTest.sync(depot, "prod");
    FileContentEndToEndTest.sync(depot, "dev");

    JsonNode copy =
        depot.awaitTask(
            depot.call(
                "POST",
                "/pulp/api/v2/repositories/prod/actions/associate/",
                """
                {"source_repo_id": "dev",
                 "criteria": {"type_ids": ["iso"], "filters": {"unit": {"name": "app.iso"}}}}
                """));
    JsonNode published = FileContentEndToEndTest.publish(depot, "prod");

    assertThat(copy.at("/state").asText()).as(copy.toString()).isEqualTo("finished");
    assertThat(FileContentEndToEndTest.isoCount(depot, "prod")).isEqualTo(2);
    assertThat(published.at("/state").asText()).as(published.toString()).isEqualTo("finished");
    assertThat(served("prod", "app.iso")).isEqualTo("release 2, rebuilt\n");
    assertThat(FileContentEndToEndTest.isoCount(depot, "dev"))
        .as("the source keeps its own")
        .isEqualTo(2);
  }

  private static Map<String, byte[]> files(String app) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("app.iso", app.getBytes(StandardCharsets.UTF_8));
    files.put("README", "read me\n".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  private String served(String repo, String name) throws Exception {
    Curl.Result result =
        Curl.run("http://127.0.0.1:" + depot.depot().port() + "/pulp/isos/" + repo + "/" + name);
    return new String(result.body(), StandardCharsets.UTF_8);
  }
}
