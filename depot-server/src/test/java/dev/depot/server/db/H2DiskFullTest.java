package dev.depot.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk under the embedded database fails what cannot be written, and once the disk has room
 * again the same server works on, with every commit it answered, without a restart.
 */
class H2DiskFullTest {
  @TempDir Path dir;

  @AfterEach
  void roomAgain() {
    FullDisk.full = false;
  }

  @Test
  void theDatabaseWorksAgainOnceTheDiskHasRoom() throws Exception {
    FullDisk.register();
    Files.createDirectories(dir.resolve("db"));
    try (Database db =
        Database.open("jdbc:h2:" + FullDisk.SCHEME + ":" + dir.resolve("db/depot"))) {
      db.jdbi().useHandle(h -> h.execute("CREATE TABLE kept (id INT PRIMARY KEY, v VARCHAR)"));
      db.jdbi().useHandle(h -> h.execute("INSERT INTO kept VALUES (1, 'answered')"));

      FullDisk.full = true;
      assertThatThrownBy(
              () -> db.jdbi().useHandle(h -> h.execute("INSERT INTO kept VALUES (2, 'lost')")))
          .as("a write the disk cannot take fails");

      FullDisk.full = false;
      // Each of the pool's ten connections found the database closed at most once before.
      for (int i = 0; i < 10 && !db.isConnected(); i++) {
        Thread.sleep(100);
      }
      assertThat(db.isConnected()).as("the database opens again once there is room").isTrue();
      db.jdbi().useHandle(h -> h.execute("INSERT INTO kept VALUES (3, 'after')"));
      java.util.List<String> rows =
          db.jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT v FROM kept ORDER BY id").mapTo(String.class).list());
      assertThat(rows).containsExactly("answered", "after");
    }
  }
}
