package dev.depot.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.db.Database;
import dev.depot.server.error.NotAuthenticated;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminPasswordTest {
  @TempDir Path dir;

  @Test
  void generatedPasswordIsWrittenOnceOwnerOnlyAndStoredHashed() throws Exception {
    Path file = dir.resolve("admin-password");
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"))) {
      Users users = new Users(db.jdbi());
      users.ensureAdmin(null, file);
      String password = Files.readString(file).trim();
      Files.writeString(file, "edited by hand\n");
      users.ensureAdmin(null, file);

      assertThat(Files.readString(file)).isEqualTo("edited by hand\n");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(password).hasSizeGreaterThanOrEqualTo(20);
      assertThat(users.authenticate("admin", password)).isEqualTo("admin");
      String stored =
          db.jdbi()
              .withHandle(
                  h -> h.createQuery("SELECT password_hash FROM users").mapTo(String.class).one());
      assertThat(stored).startsWith("pbkdf2-sha256$").doesNotContain(password);
      assertThatThrownBy(() -> users.authenticate("admin", "wrong"))
          .isInstanceOf(NotAuthenticated.class);
    }
  }

  @Test
  void givenPasswordIsUsedAndNoFileIsWritten() {
    Path file = dir.resolve("admin-password");
    try (Database db = Database.open("jdbc:h2:file:" + dir.resolve("db"))) {
      Users users = new Users(db.jdbi());
      users.ensureAdmin("s3cret-pass", file);

      assertThat(file).doesNotExist();
      assertThat(users.authenticate("admin", "s3cret-pass")).isEqualTo("admin");
    }
  }
}
