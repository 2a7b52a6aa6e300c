package dev.depot.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The embedded database runs with Depot's page cache, unless its URL names another. */
class H2PageCacheTest {
  @TempDir Path dir;

  @Test
  void theEmbeddedDatabaseGetsDepotsPageCacheUnlessTheUrlSetsOne() {
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("a/depot"))) {
      assertThat(cacheSize(db)).isEqualTo(Database.H2_CACHE_KB);
    }
    try (Database db =
        Database.open("jdbc:h2:file:" + dir.resolve("b/depot") + ";cache_size=2048")) {
      assertThat(cacheSize(db)).isEqualTo(2048);
    }
  }

  private static int cacheSize(Database db) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME = 'CACHE_SIZE'")
                    .mapTo(Integer.class)
                    .one());
  }
}
