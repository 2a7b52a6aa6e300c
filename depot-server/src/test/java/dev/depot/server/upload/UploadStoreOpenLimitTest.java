package dev.depot.server.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.error.LimitExceeded;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upload requests are files: a client creating them without end would use up the file system's
 * inodes before they expire, so their number is bounded, with a 429 that says what to do.
 */
class UploadStoreOpenLimitTest {
  @TempDir Path dir;

  @Test
  void aRequestBeyondTheOpenOnesKeptIsRefusedUntilOneIsDeleted() throws Exception {
    UploadStore uploads = new UploadStore(dir).withMaxOpen(3);
    String first = uploads.create();
    uploads.create();
    uploads.create();

    assertThatThrownBy(uploads::create)
        .isInstanceOfSatisfying(LimitExceeded.class, e -> assertThat(e.httpStatus()).isEqualTo(429))
        .hasMessageContaining("3 open upload requests")
        .hasMessageContaining("DELETE /pulp/api/v2/content/uploads/<id>/");
    assertThat(uploads.ids()).hasSize(3);

    uploads.delete(first);

    assertThat(uploads.create()).isNotEqualTo(first);
    assertThat(uploads.ids()).hasSize(3);
  }
}
