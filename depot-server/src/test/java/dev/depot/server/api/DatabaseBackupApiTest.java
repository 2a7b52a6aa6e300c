package dev.depot.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi;
import dev.depot.server.support.TestDatabase;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code POST /database/actions/backup/} on a live server: the embedded database's state at that
 * moment, written while the server runs, is a database a server starts on again (what came after
 * the backup is not in it); PostgreSQL is sent to pg_dump.
 */
class DatabaseBackupApiTest {
  @TempDir Path dir;

  @Test
  void aBackupOfTheLiveH2DatabaseIsWhatAServerStartsOnAfterARestore() throws Exception {
    String url = TestDatabase.H2.freshUrl(dir);
    Path dbFile = Path.of(url.substring("jdbc:h2:file:".length()) + ".mv.db");
    Path zip;
    try (RunningDepot server = start(url)) {
      assertThat(server.call("POST", "/pulp/api/v2/repositories/", "{\"id\": \"kept\"}").status())
          .isEqualTo(201);
      TestApi.Reply backup = server.call("POST", DatabaseEndpoints.BACKUP, "{}");
      assertThat(backup.status()).as(backup.body()).isEqualTo(200);
      JsonNode answer = backup.json();
      zip = Path.of(answer.path("path").asText());
      assertThat(zip.getParent()).isEqualTo(dbFile.getParent().resolve("backups"));
      assertThat(zip).isRegularFile();
      assertThat(zip.getFileName().toString()).matches("depot-\\d{8}T\\d{6}\\.\\d{3}Z\\.zip");
      assertThat(answer.path("size").asLong()).isEqualTo(Files.size(zip));
      // It holds importer secrets: nobody but the server's user reads it.
      assertThat(
              java.nio.file.attribute.PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(zip)))
          .isEqualTo("rw-------");
      assertThat(server.call("POST", "/pulp/api/v2/repositories/", "{\"id\": \"later\"}").status())
          .isEqualTo(201);
      server.stopKeepingDatabase();
    }

    Files.delete(dbFile);
    unzipInto(zip, dbFile.getParent());
    try (RunningDepot restored = start(url)) {
      assertThat(restored.call("GET", "/pulp/api/v2/repositories/kept/", null).status())
          .isEqualTo(200);
      assertThat(restored.call("GET", "/pulp/api/v2/repositories/later/", null).status())
          .as("created after the backup")
          .isEqualTo(404);
    }
  }

  @Test
  void postgresqlIsBackedUpWithPgDump() throws Exception {
    try (RunningDepot server = RunningDepot.start(TestDatabase.POSTGRESQL, dir)) {
      TestApi.Reply backup = server.call("POST", DatabaseEndpoints.BACKUP, "{}");
      assertThat(backup.status()).isEqualTo(400);
      assertThat(backup.body()).contains("pg_dump");
    }
  }

  private RunningDepot start(String url) throws Exception {
    return RunningDepot.start(TestDatabase.H2, dir, url, ServerConfig.ALL_ROLES, null, 30);
  }

  /** As {@code unzip} does: the backup holds the database file under its own name. */
  private static void unzipInto(Path zip, Path target) throws Exception {
    try (InputStream in = Files.newInputStream(zip);
        ZipInputStream entries = new ZipInputStream(in)) {
      for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
        Files.copy(entries, target.resolve(e.getName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
