package dev.depot.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.config.ServerConfig;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory copied with its embedded database to another path (a restore elsewhere, a clone
 * for a trial): its units still name the files of the old path, so the copy refuses to start rather
 * than publish links into, or remove files from, the directory it was copied from.
 */
class DataDirectoryMovedTest {
  @TempDir Path tmp;

  @Test
  void aCopyAtAnotherPathRefusesToStartAndTheOriginalStillDoes() throws Exception {
    Path original = tmp.resolve("depot-data");
    String url = "jdbc:h2:file:" + original.resolve("db").resolve("depot");
    Path file = original.resolve("content/units/note/ab/" + "ab".repeat(32) + "/n.txt");
    start(original, url).stopKeepingDatabase();
    Files.createDirectories(file.getParent());
    Files.writeString(file, "kept");
    try (Connection c = DriverManager.getConnection(url);
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO units (unit_id, type_id, key_digest, unit_key, metadata,"
                    + " storage_path, created) VALUES (?, 'note', ?, '{\"title\":\"n\"}', '{}', ?,"
                    + " CURRENT_TIMESTAMP)")) {
      s.setString(1, UUID.randomUUID().toString());
      s.setString(2, "ab".repeat(32));
      s.setString(3, file.toString());
      s.executeUpdate();
    }
    Path copy = tmp.resolve("restored");
    copyTree(original, copy);

    assertThatThrownBy(() -> start(copy, "jdbc:h2:file:" + copy.resolve("db").resolve("depot")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("under another data directory")
        .hasMessageContaining(file.toString())
        .hasMessageContaining(copy.resolve("content/units").toString());

    // The same directory through a link to it is no other directory.
    Path link = Files.createSymbolicLink(tmp.resolve("link"), original);
    start(link, url).stopKeepingDatabase();
    start(original, url).stopKeepingDatabase();
    assertThat(Files.readString(file)).isEqualTo("kept");
  }

  private static RunningDepot start(Path dir, String url) throws Exception {
    return RunningDepot.start(TestDatabase.H2, dir, url, ServerConfig.ALL_ROLES, null, 30);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
