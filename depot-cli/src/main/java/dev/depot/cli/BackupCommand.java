package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code depot backup}: a consistent backup of a running server's embedded H2 database, written on
 * the server's host beside the database; docs/backup.md says what else to copy.
 */
@Command(
    name = "backup",
    description = {
      "Back up a running server's embedded (H2) database, consistently, into <data-dir>/db/backups/"
          + " on the server's host; prints the file. Then copy the data directory's content/ (see"
          + " docs/backup.md). On PostgreSQL use pg_dump instead."
    })
final class BackupCommand extends ApiCommand {
  @Override
  public Integer call() {
    JsonNode backup = api().post("database/actions/backup/", Map.of());
    print(
        backup,
        () ->
            out()
                .println(
                    "Database backed up to "
                        + backup.path("path").asText()
                        + " ("
                        + backup.path("size").asLong()
                        + " bytes)"));
    return 0;
  }
}
