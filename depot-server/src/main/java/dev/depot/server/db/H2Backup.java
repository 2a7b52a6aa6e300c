package dev.depot.server.db;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import javax.sql.DataSource;

/**
 * A consistent copy of a live embedded H2 database: H2's {@code BACKUP TO} zips the database file
 * as of one moment while the server goes on writing (its store copies on write). Nothing else can
 * open the file while the server holds it, so the server takes the backup itself, into {@code
 * backups/} beside the database file (that directory, like the database's, is its owner's only: the
 * copy holds importer secrets too).
 */
final class H2Backup {
  private static final String FILE_URL = "jdbc:h2:file:";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private H2Backup() {}

  /**
   * Backs the database up and returns the zip, named after the database and the time, e.g. {@code
   * backups/depot-20261207T083500.123Z.zip}; it holds the database file ({@code depot.mv.db}).
   */
  static Path take(DataSource db, String url) {
    if (!url.startsWith(FILE_URL)) {
      throw new IllegalStateException("only an H2 database in a file can be backed up so: " + url);
    }
    Path database = Path.of(url.substring(FILE_URL.length()).split(";", 2)[0]).toAbsolutePath();
    Path dir = database.getParent().resolve("backups");
    String name = database.getFileName() + "-" + STAMP.format(Instant.now()) + ".zip";
    Path zip = dir.resolve(name);
    // Written under a hidden name and renamed: a copy script never picks up half a backup.
    Path part = dir.resolve("." + name + ".part");
    try {
      Files.createDirectories(dir);
      ownerOnly(dir);
      try (Connection c = db.getConnection();
          Statement s = c.createStatement()) {
        s.execute("BACKUP TO '" + part.toString().replace("'", "''") + "'");
      }
      ownerOnly(part); // H2 writes it with the process's umask, readable by all by default
      return Files.move(part, zip, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the backup " + zip, e);
    } catch (SQLException e) {
      throw new IllegalStateException("the backup to " + zip + " failed: " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(part);
      } catch (IOException ignored) {
        // Only a leftover hidden file: the failure itself is reported.
      }
    }
  }

  /** The backup holds importer secrets: its owner alone may read it (where permissions exist). */
  private static void ownerOnly(Path path) throws IOException {
    if (Files.getFileStore(path).supportsFileAttributeView(PosixFileAttributeView.class)) {
      Files.setPosixFilePermissions(
          path,
          PosixFilePermissions.fromString(Files.isDirectory(path) ? "rwx------" : "rw-------"));
    }
  }
}
