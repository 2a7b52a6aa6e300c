package dev.depot.publish.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.FileDigestMismatchException;
import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSink;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadedFileTest {
  @TempDir Path store;
  @TempDir Path uploads;

  /** A content store on disk and the units saved in it, as the platform keeps them. */
  private final class Platform implements UnitSink {
    final Map<Map<String, Object>, Unit> units = new HashMap<>();
    final List<Unit> saves = new ArrayList<>();

    @Override
    public Unit initUnit(
        String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String name) {
      return new Unit(null, typeId, unitKey, metadata, store.resolve(typeId).resolve(name));
    }

    @Override
    public Unit saveUnit(Unit unit) {
      if (!Files.isRegularFile(unit.storagePath())) {
        throw new MissingUnitFilesException(List.of(unit));
      }
      Unit saved = units.computeIfAbsent(unit.unitKey(), k -> unit.withId("u" + units.size()));
      saves.add(saved);
      return saved;
    }

    @Override
    public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
      return Optional.ofNullable(units.get(unitKey));
    }
  }

  private final Platform platform = new Platform();
  private static final byte[] BYTES = "an uploaded image\n".getBytes(StandardCharsets.UTF_8);

  private UploadedFile upload(FileDigest expected) throws Exception {
    Path file = uploads.resolve("upload-1");
    Files.write(file, BYTES);
    return new UploadedFile("iso", Map.of("name", "a.iso"), Map.of(), "a.iso", file, expected);
  }

  private static FileDigest digestOf(byte[] bytes) throws Exception {
    return FileDigest.sha256(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
  }

  @Test
  void aNewFileIsStoredCheckedAndItsUnitSavedWhileTheUploadStaysTheClients() throws Exception {
    UploadedFile upload = upload(digestOf(BYTES));

    UploadedFile.Outcome outcome = upload.storeOrReuse(platform);

    assertThat(outcome).isInstanceOf(UploadedFile.Stored.class);
    assertThat(outcome.unit().id()).isEqualTo("u0");
    assertThat(store.resolve("iso/a.iso")).hasBinaryContent(BYTES);
    assertThat(upload.file()).hasBinaryContent(BYTES);
  }

  @Test
  void aFileAlreadyStoredIsOnlyAssociatedItsBytesNotCopiedAgain() throws Exception {
    Unit first = upload(null).storeOrReuse(platform).unit();
    Files.writeString(store.resolve("iso/a.iso"), "the stored copy");
    UploadedFile again =
        new UploadedFile(
            "iso", Map.of("name", "a.iso"), Map.of(), "a.iso", uploads.resolve("gone"), null);

    UploadedFile.Outcome outcome = again.storeOrReuse(platform);

    assertThat(outcome).isEqualTo(new UploadedFile.Reused(first));
    assertThat(store.resolve("iso/a.iso")).hasContent("the stored copy");
    assertThat(platform.saves).hasSize(2);
  }

  @Test
  void aStoredUnitWhoseFileAnOrphanCleanupRemovedGetsTheUploadedBytes() throws Exception {
    upload(null).storeOrReuse(platform);
    Files.delete(store.resolve("iso/a.iso"));

    UploadedFile.Outcome outcome = upload(null).storeOrReuse(platform);

    assertThat(outcome).isInstanceOf(UploadedFile.Stored.class);
    assertThat(store.resolve("iso/a.iso")).hasBinaryContent(BYTES);
  }

  @Test
  void anUploadWithTheWrongDigestIsNeitherStoredNorSaved() throws Exception {
    UploadedFile upload = upload(digestOf("other bytes".getBytes(StandardCharsets.UTF_8)));

    assertThatThrownBy(() -> upload.storeOrReuse(platform))
        .isInstanceOf(FileDigestMismatchException.class)
        .hasMessageContaining("a.iso");
    assertThat(platform.saves).isEmpty();
    assertThat(store.resolve("iso")).isEmptyDirectory();
  }
}
