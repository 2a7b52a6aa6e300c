package dev.depot.server.api;

import dev.depot.server.db.Database;
import dev.depot.server.db.Dialect;
import dev.depot.server.error.InvalidValue;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Depot's addition for administrators: {@code POST /database/actions/backup/} takes a consistent
 * backup of the live embedded H2 database on the server's host ({@code depot backup}), which no
 * other process can open while the server runs. PostgreSQL has {@code pg_dump} for that.
 */
final class DatabaseEndpoints {
  static final String BACKUP = Representations.API + "database/actions/backup/";

  private final Database database;

  DatabaseEndpoints(Database database) {
    this.database = database;
  }

  void register(Router router) {
    router.add("POST", BACKUP, this::backup);
  }

  private ApiResponse backup(ApiRequest request) {
    if (database.dialect() != Dialect.H2) {
      throw InvalidValue.of(
          "The database is PostgreSQL: back it up with pg_dump, then the data directory"
              + " (docs/backup.md).",
          "database_type");
    }
    Path zip = database.backup();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("database_type", "h2");
    json.put("path", zip.toString());
    try {
      json.put("size", Files.size(zip));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ApiResponse.ok(json);
  }
}
