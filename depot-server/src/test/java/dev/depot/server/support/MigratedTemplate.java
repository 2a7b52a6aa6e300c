package dev.depot.server.support;

import dev.depot.server.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

/**
 * One database per test JVM and kind, migrated by {@link Database#open} as a server's first start
 * does, which every {@link TestDatabase#freshUrl fresh} test database is a copy of: H2's file is
 * copied, PostgreSQL copies the database ({@code CREATE DATABASE ... TEMPLATE}). Migrating took a
 * test server's start 3-6 s on PostgreSQL and about 2 s of CPU in a server process of its own, and
 * the suite starts some hundreds of them; copying takes a fraction of a second.
 */
final class MigratedTemplate {
  private static Path h2;
  private static String postgresql;

  private MigratedTemplate() {}

  /**
   * A copy of the migrated H2 database in {@code dbDir}, made owner-only as the server makes the
   * directory; its URL.
   */
  static synchronized String h2Copy(Path dbDir) {
    try {
      if (h2 == null) {
        Path dir = Files.createTempDirectory("depot-test-template");
        Database.open("jdbc:h2:file:" + dir.resolve("depot")).close();
        h2 = dir.resolve("depot.mv.db");
        dir.toFile().deleteOnExit();
        h2.toFile().deleteOnExit();
      }
      Files.createDirectories(
          dbDir,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Files.copy(h2, dbDir.resolve("depot.mv.db"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return "jdbc:h2:file:" + dbDir.resolve("depot");
  }

  /**
   * The migrated PostgreSQL database's name; dropped when this JVM exits. Nothing stays connected
   * to it: PostgreSQL copies only a database nobody is connected to.
   */
  static synchronized String postgresql() {
    if (postgresql == null) {
      String name = "depot_template_" + UUID.randomUUID().toString().replace("-", "");
      TestDatabase.execute("CREATE DATABASE " + name);
      try {
        Database.open(TestDatabase.urlOf(name)).close();
      } catch (RuntimeException e) {
        TestDatabase.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        throw e;
      }
      Runtime.getRuntime().addShutdownHook(new Thread(() -> dropQuietly(name)));
      postgresql = name;
    }
    return postgresql;
  }

  private static void dropQuietly(String name) {
    try {
      TestDatabase.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (RuntimeException e) {
      // The JVM is exiting: a template left behind takes space, nothing else.
    }
  }
}
