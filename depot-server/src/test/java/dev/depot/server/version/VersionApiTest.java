package dev.depot.server.version;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.ServerOnEachDatabase;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Repository versions over real HTTP, on H2 and PostgreSQL: syncs and removals make numbered
 * versions, each listing the units it held; diffs, rollback, deletion, retention and orphan cleanup
 * keep every kept version whole. The echo importer adds {@code notes_per_sync} notes per sync,
 * numbered after those the repository holds.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class VersionApiTest extends ServerOnEachDatabase {
  private static final String REPOS = "/pulp/api/v2/repositories/";
  private static final String VERSIONS = REPOS + "repo/versions/";

  @BeforeEach
  void start() throws Exception {
    server.call(
        "POST",
        REPOS,
        """
        {"id": "repo", "importer_type_id": "echo_importer",
         "importer_config": {"notes_per_sync": 3}}
        """);
  }

  private JsonNode task(String method, String path, String body) throws Exception {
    Reply reply = server.call(method, path, body);
    assertThat(reply.status()).as(reply.body()).isEqualTo(202);
    JsonNode task = server.awaitTask(reply);
    assertThat(task.at("/state").asText()).as(task.toString()).isEqualTo("finished");
    return task;
  }

  private void sync() throws Exception {
    task("POST", REPOS + "repo/actions/sync/", "{}");
  }

  private void remove(String title) throws Exception {
    task(
        "POST",
        REPOS + "repo/actions/unassociate/",
        "{\"criteria\": {\"type_ids\": [\"note\"], \"filters\": {\"unit\": {\"title\": \""
            + title
            + "\"}}}}");
  }

  private List<String> titlesAt(long version) throws Exception {
    Reply reply = server.call("POST", VERSIONS + version + "/search/units/", "{\"criteria\": {}}");
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    return titles(reply.json(), "/metadata/title");
  }

  private static List<String> titles(JsonNode list, String pointer) {
    List<String> titles = new ArrayList<>();
    list.forEach(n -> titles.add(n.at(pointer).asText()));
    return titles.stream().sorted().toList();
  }

  private List<Long> numbers() throws Exception {
    List<Long> numbers = new ArrayList<>();
    server.call("GET", VERSIONS, null).json().forEach(v -> numbers.add(v.at("/number").asLong()));
    return numbers;
  }

  @Test
  void eachChangeIsAVersionHoldingWhatTheRepositoryHeldThen() throws Exception {
    sync();
    sync();
    remove("note-0");
    remove("note-404"); // removes nothing: no version

    assertThat(numbers()).containsExactly(3L, 2L, 1L, 0L);
    JsonNode latest = server.call("GET", VERSIONS + "3/", null).json();
    assertThat(latest.at("/removed/note").asLong()).isEqualTo(1);
    assertThat(latest.at("/content_unit_counts/note").asLong()).isEqualTo(5);
    assertThat(latest.at("/task_id").asText()).hasSize(36);
    assertThat(server.call("GET", REPOS + "repo/", null).json().at("/latest_version").asLong())
        .isEqualTo(3);
    assertThat(titlesAt(0)).isEmpty();
    assertThat(titlesAt(1)).containsExactly("note-0", "note-1", "note-2");
    assertThat(titlesAt(2)).hasSize(6).contains("note-0");
    assertThat(titlesAt(3)).hasSize(5).doesNotContain("note-0");

    JsonNode diff = server.call("GET", VERSIONS + "3/diff/?from=1", null).json();
    assertThat(diff.at("/added/note").asLong()).isEqualTo(3);
    assertThat(diff.at("/removed/note").asLong()).isEqualTo(1);
    assertThat(
            titles(
                server.call("GET", VERSIONS + "3/diff/removed/?from=1", null).json(),
                "/unit_key/title"))
        .containsExactly("note-0");
    JsonNode backwards = server.call("GET", VERSIONS + "1/diff/?from=3", null).json();
    assertThat(backwards.at("/added/note").asLong()).isEqualTo(1);
    assertThat(backwards.at("/removed/note").asLong()).isEqualTo(3);
  }

  @Test
  void rollbackMakesANewVersionEqualToTheOldOne() throws Exception {
    sync();
    sync();
    remove("note-1");

    JsonNode task = task("POST", VERSIONS + "1/actions/rollback/", "{}");

    assertThat(task.at("/result/units_added").asLong()).isEqualTo(1);
    assertThat(task.at("/result/units_removed").asLong()).isEqualTo(3);
    assertThat(numbers()).first().isEqualTo(4L);
    assertThat(titlesAt(4)).containsExactly("note-0", "note-1", "note-2");
    JsonNode current =
        server.call("POST", REPOS + "repo/search/units/", "{\"criteria\": {}}").json();
    assertThat(titles(current, "/metadata/title")).containsExactly("note-0", "note-1", "note-2");
    assertThat(server.call("GET", VERSIONS + "4/diff/?from=1", null).json().at("/added").size())
        .isZero();
  }

  @Test
  void rollbackUndoesAChangeLargerThanOnePage() throws Exception {
    sync();
    // 1,100 notes, as the rollback pages by 1,000; saved 500 a transaction, or the set-up alone
    // is 1,100 commits (11 s under load, against awaitTask's 30 s).
    task(
        "POST",
        REPOS + "repo/actions/sync/",
        "{\"override_config\": {\"notes_per_sync\": 1100, \"notes_per_batch\": 500}}");

    JsonNode task = task("POST", VERSIONS + "1/actions/rollback/", "{}");

    assertThat(task.at("/result/units_removed").asLong()).isEqualTo(1100);
    JsonNode current =
        server.call("POST", REPOS + "repo/search/units/", "{\"criteria\": {}}").json();
    assertThat(titles(current, "/metadata/title")).containsExactly("note-0", "note-1", "note-2");
    assertThat(
            server
                .call("GET", VERSIONS + "3/diff/?from=2", null)
                .json()
                .at("/removed/note")
                .asLong())
        .isEqualTo(1100);
  }

  @Test
  void deletingVersionsKeepsTheOthersWholeAndOrphansOnlyWhatNoKeptVersionHolds() throws Exception {
    sync();
    sync(); // notes 3..5 enter at version 2
    task("POST", VERSIONS + "1/actions/rollback/", "{}"); // and leave at version 3

    assertThat(orphanTitles()).isEmpty();
    assertThat(server.call("DELETE", VERSIONS + "3/", null).status()).isEqualTo(400);
    task("DELETE", VERSIONS + "2/", null);

    assertThat(numbers()).containsExactly(3L, 1L, 0L);
    assertThat(server.call("GET", VERSIONS + "2/", null).status()).isEqualTo(404);
    assertThat(titlesAt(1)).containsExactly("note-0", "note-1", "note-2");
    assertThat(orphanTitles()).containsExactly("note-3", "note-4", "note-5");
    task("DELETE", "/pulp/api/v2/content/orphans/", null);
    assertThat(titlesAt(3)).containsExactly("note-0", "note-1", "note-2");
    assertThat(titlesAt(1)).containsExactly("note-0", "note-1", "note-2");
  }

  @Test
  void retentionKeepsTheNewestVersionsAndRefusesNonsense() throws Exception {
    sync();
    sync();
    remove("note-0");
    Reply bad = server.call("PUT", REPOS + "repo/", "{\"delta\": {\"retain_versions\": 0}}");
    assertThat(bad.status()).isEqualTo(400);
    // 0 is a number: the answer says what is accepted and that null, not 0, keeps all.
    assertThat(bad.json().at("/error_message").asText())
        .isEqualTo(
            "Field retain_versions must be a whole number of at least 1, or null to keep every"
                + " version, not 0");
    assertThat(bad.json().at("/property_names/0").asText()).isEqualTo("retain_versions");
    Reply text = server.call("POST", REPOS, "{\"id\": \"r2\", \"retain_versions\": \"2\"}");
    assertThat(text.json().at("/error_message").asText()).endsWith("version, not a string");
    assertThat(numbers()).hasSize(4);

    Reply set = server.call("PUT", REPOS + "repo/", "{\"delta\": {\"retain_versions\": 2}}");

    assertThat(set.status()).as(set.body()).isEqualTo(200);
    assertThat(numbers()).containsExactly(3L, 2L);
    assertThat(titlesAt(2)).hasSize(6);
    sync();
    assertThat(numbers()).containsExactly(4L, 3L);
    assertThat(orphanTitles()).containsExactly("note-0");
  }

  @Test
  void copyCanTakeItsSourceFromAVersion() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"dst\", \"importer_type_id\": \"echo_importer\"}");
    sync();
    sync();

    task(
        "POST",
        REPOS + "dst/actions/associate/",
        "{\"source_repo_id\": \"repo\", \"source_version\": 1}");

    JsonNode copied = server.call("POST", REPOS + "dst/search/units/", "{\"criteria\": {}}").json();
    assertThat(titles(copied, "/metadata/title")).containsExactly("note-0", "note-1", "note-2");
    assertThat(
            server
                .call(
                    "POST",
                    REPOS + "dst/actions/associate/",
                    "{\"source_repo_id\": \"repo\", \"source_version\": 9}")
                .status())
        .isEqualTo(404);
  }

  @Test
  void aCopyFromAVersionDeletedWhileTheCopyWaitedFailsAndCopiesNothing() throws Exception {
    server.call("POST", REPOS, "{\"id\": \"dst\", \"importer_type_id\": \"echo_importer\"}");
    sync();
    sync();
    // The destination is busy for a while: the copy queues behind its sync.
    Reply busy =
        server.call(
            "POST", REPOS + "dst/actions/sync/", "{\"override_config\": {\"pause_millis\": 1500}}");
    Reply copy =
        server.call(
            "POST",
            REPOS + "dst/actions/associate/",
            "{\"source_repo_id\": \"repo\", \"source_version\": 1}");
    assertThat(copy.status()).as(copy.body()).isEqualTo(202);
    task("DELETE", VERSIONS + "1/", null);

    server.awaitTask(busy);
    JsonNode failed = server.awaitTask(copy);

    assertThat(failed.at("/state").asText()).isEqualTo("error");
    assertThat(failed.at("/error/description").asText()).contains("version");
    JsonNode copied = server.call("POST", REPOS + "dst/search/units/", "{\"criteria\": {}}").json();
    assertThat(titles(copied, "/metadata/title")).containsExactly("note-0"); // its own sync's
  }

  @Test
  void unitsOfVersionsADistributorShowsAreNoOrphansWhenRetentionDropsThoseVersions()
      throws Exception {
    Reply added =
        server.call(
            "POST",
            REPOS + "repo/distributors/",
            "{\"distributor_type_id\": \"echo_distributor\", \"distributor_id\": \"web\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    server.call("PUT", REPOS + "repo/", "{\"delta\": {\"retain_versions\": 1}}");
    String publish = REPOS + "repo/actions/publish/";
    sync(); // version 1: note-0..2
    task("POST", publish, "{\"id\": \"web\"}");
    remove("note-0"); // version 2

    assertThat(numbers()).containsExactly(2L);
    assertThat(orphanTitles()).as("note-0 is in the published version 1").isEmpty();
    task("POST", publish, "{\"id\": \"web\"}"); // web shows 2, and 1 in the tree before
    sync(); // version 3
    assertThat(orphanTitles()).isEmpty();
    task("POST", publish, "{\"id\": \"web\"}"); // web shows 3 and 2: 1 is let go
    remove("note-1"); // version 4: pruning forgets version 1

    assertThat(numbers()).containsExactly(4L);
    assertThat(orphanTitles()).containsExactly("note-0");
  }

  private List<String> orphanTitles() throws Exception {
    return titles(server.call("GET", "/pulp/api/v2/content/orphans/note/", null).json(), "/title");
  }
}
