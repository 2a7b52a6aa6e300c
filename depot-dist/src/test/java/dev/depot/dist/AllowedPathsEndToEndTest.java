package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.publish.files.LocalPaths;
import dev.depot.server.config.PathAllowlists;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose operator set allowed-import-paths and allowed-export-paths refuses file feeds and
 * export directories elsewhere with a 400 naming the key, and takes those below them.
 */
class AllowedPathsEndToEndTest {
  @TempDir Path dir;

  @AfterEach
  void noAllowlistsForTheNextServer() {
    LocalPaths.allowOnlyBelow(List.of(), List.of());
  }

  private static TestApi.Reply createRepo(RunningDepot depot, String id, Path feed)
      throws Exception {
    return depot.call(
        "POST",
        "/pulp/api/v2/repositories/",
        """
        {"id": "%s", "importer_type_id": "iso_importer", "importer_config": {"feed": "%s"}}
        """
            .formatted(id, feed.toUri()));
  }

  private static TestApi.Reply addExport(RunningDepot depot, String id, Path exportDir)
      throws Exception {
    return depot.call(
        "POST",
        "/pulp/api/v2/repositories/zoo/distributors/",
        """
        {"distributor_id": "%s", "distributor_type_id": "export_distributor",
         "distributor_config": {"http": false, "https": false, "export_dir": "%s"}}
        """
            .formatted(id, exportDir));
  }

  @Test
  void feedsAndExportsLieBelowTheAllowedDirectoriesOnly() throws Exception {
    Path imports = Files.createDirectories(dir.resolve("imports/zoo"));
    Path exports = Files.createDirectories(dir.resolve("exports/media"));
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
    try (RunningDepot depot =
        RunningDepot.start(
            TestDatabase.H2,
            dir.resolve("server"),
            config ->
                config.withAllowedPaths(
                    new PathAllowlists(
                        List.of(dir.resolve("imports")), List.of(dir.resolve("exports")))))) {
      TestApi.Reply outside = createRepo(depot, "stray", elsewhere);
      assertThat(outside.status()).as(outside.body()).isEqualTo(400);
      assertThat(outside.body()).contains("feed").contains("allowed-import-paths");
      TestApi.Reply inside = createRepo(depot, "zoo", imports);
      assertThat(inside.status()).as(inside.body()).isEqualTo(201);

      TestApi.Reply refused = addExport(depot, "out", elsewhere);
      assertThat(refused.status()).as(refused.body()).isEqualTo(400);
      assertThat(refused.body()).contains("export_dir").contains("allowed-export-paths");
      TestApi.Reply taken = addExport(depot, "media", exports);
      assertThat(taken.status()).as(taken.body()).isEqualTo(201);
    }
  }
}
