package dev.depot.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoreFileTest {
  @TempDir Path store;

  /** A sink that only knows where files go, as the default methods see every conduit. */
  private class Store implements UnitSink {
    @Override
    public Unit initUnit(
        String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String name) {
      Path path = store.resolve(typeId).resolve(unitKey.get("id").toString()).resolve(name);
      return new Unit(null, typeId, unitKey, metadata, path);
    }

    @Override
    public Unit saveUnit(Unit unit) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey) {
      return Optional.empty();
    }
  }

  private static final byte[] BYTES = "the bytes of a.iso\n".getBytes(StandardCharsets.UTF_8);

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  private List<Path> storedFiles() throws IOException {
    try (Stream<Path> all = Files.walk(store)) {
      return all.filter(Files::isRegularFile).toList();
    }
  }

  @Test
  void storesAStreamWhoseDigestMatchesAtTheUnitsStoragePath() throws Exception {
    Unit unit =
        new Store()
            .storeFile(
                "iso",
                Map.of("id", 1),
                Map.of(),
                "a.iso",
                new ByteArrayInputStream(BYTES),
                FileDigest.of("sha256", sha256(BYTES).toUpperCase()));

    assertThat(unit.storagePath()).isEqualTo(store.resolve("iso/1/a.iso"));
    assertThat(unit.storagePath()).hasBinaryContent(BYTES);
    assertThat(storedFiles()).containsExactly(unit.storagePath()); // no temporary file left
  }

  @Test
  void aDigestMismatchNamesTheFileAndBothDigestsAndStoresNothing() throws Exception {
    FileDigest promised = FileDigest.sha256("ab".repeat(32));

    assertThatThrownBy(
            () ->
                new Store()
                    .storeFile(
                        "iso",
                        Map.of("id", 1),
                        Map.of(),
                        "a.iso",
                        new ByteArrayInputStream(BYTES),
                        promised))
        .isInstanceOfSatisfying(
            FileDigestMismatchException.class,
            e -> {
              assertThat(e.expected()).isEqualTo(promised);
              assertThat(e.actual().hex()).isEqualTo(sha256Unchecked(BYTES));
              assertThat(e.fileName()).isEqualTo("a.iso");
            })
        .hasMessageContaining("a.iso")
        .hasMessageContaining("sha256:" + "ab".repeat(32))
        .hasMessageContaining("sha256:" + sha256Unchecked(BYTES));
    assertThat(storedFiles()).isEmpty();
  }

  @Test
  void aFileAlreadyStoredIsReusedWithoutReadingTheInput() throws Exception {
    Path stored = Files.createDirectories(store.resolve("iso/1")).resolve("a.iso");
    Files.write(stored, BYTES);
    InputStream unreadable =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("the stored file was copied again");
          }
        };

    Store sink = new Store();
    Unit fromStream = sink.storeFile("iso", Map.of("id", 1), Map.of(), "a.iso", unreadable, null);
    Unit fromPath =
        sink.storeFile(
            "iso", Map.of("id", 1), Map.of(), "a.iso", store.resolve("no-such-upload"), null);

    assertThat(fromStream.storagePath()).isEqualTo(stored).hasBinaryContent(BYTES);
    assertThat(fromPath.storagePath()).isEqualTo(stored);
  }

  @Test
  void aFileOnDiskIsCopiedInAndLeftWhereItWas() throws Exception {
    Path upload = Files.createTempFile("upload", ".iso");
    Files.write(upload, BYTES);
    try {
      Unit unit =
          new Store()
              .storeFile(
                  "iso",
                  Map.of("id", 2),
                  Map.of(),
                  "b.iso",
                  upload,
                  FileDigest.sha256(sha256(BYTES)));

      assertThat(unit.storagePath()).hasBinaryContent(BYTES);
      assertThat(upload).hasBinaryContent(BYTES);
    } finally {
      Files.delete(upload);
    }
  }

  @Test
  void anAdoptedFileIsRenamedIntoPlaceNotCopied() throws Exception {
    Path download = Files.write(store.resolve("download.part"), BYTES);
    Object inode = Files.readAttributes(download, "unix:ino").get("ino");

    Unit unit =
        new Store()
            .adoptFile(
                "iso",
                Map.of("id", 6),
                Map.of(),
                "f.iso",
                download,
                FileDigest.sha256(sha256(BYTES)));

    assertThat(unit.storagePath()).isEqualTo(store.resolve("iso/6/f.iso")).hasBinaryContent(BYTES);
    assertThat(Files.readAttributes(unit.storagePath(), "unix:ino").get("ino")).isEqualTo(inode);
    assertThat(download).doesNotExist();
  }

  @Test
  void adoptingWhatIsStoredAlreadyLeavesBothFilesAlone() throws Exception {
    Path stored =
        Files.write(Files.createDirectories(store.resolve("iso/7")).resolve("g.iso"), BYTES);
    Path download = Files.writeString(store.resolve("other.part"), "other bytes");

    Unit unit = new Store().adoptFile("iso", Map.of("id", 7), Map.of(), "g.iso", download, null);

    assertThat(unit.storagePath()).isEqualTo(stored).hasBinaryContent(BYTES);
    assertThat(download).hasContent("other bytes");
  }

  @Test
  void adoptingFromAnotherFileSystemCopiesWithTheDigestChecked() throws Exception {
    Path shm = Path.of("/dev/shm");
    assumeTrue(
        Files.isDirectory(shm)
            && Files.isWritable(shm)
            && !Files.getFileStore(shm).equals(Files.getFileStore(store)),
        "no second file system to adopt from");
    Path good = Files.write(Files.createTempFile(shm, "depot-adopt", ".part"), BYTES);
    Path bad = Files.write(Files.createTempFile(shm, "depot-adopt", ".part"), BYTES);
    try {
      Store sink = new Store();
      Unit unit =
          sink.adoptFile(
              "iso", Map.of("id", 8), Map.of(), "h.iso", good, FileDigest.sha256(sha256(BYTES)));
      assertThat(unit.storagePath()).hasBinaryContent(BYTES);
      assertThat(good).doesNotExist();

      assertThatThrownBy(
              () ->
                  sink.adoptFile(
                      "iso",
                      Map.of("id", 9),
                      Map.of(),
                      "i.iso",
                      bad,
                      FileDigest.sha256("ab".repeat(32))))
          .isInstanceOf(FileDigestMismatchException.class);
      assertThat(store.resolve("iso/9")).isEmptyDirectory();
    } finally {
      Files.deleteIfExists(good);
      Files.deleteIfExists(bad);
    }
  }

  @Test
  void withoutAnExpectedDigestTheBytesAreStoredAsTheyCome() throws Exception {
    Unit unit =
        new Store()
            .storeFile(
                "iso", Map.of("id", 3), Map.of(), "c.iso", new ByteArrayInputStream(BYTES), null);

    assertThat(unit.storagePath()).hasBinaryContent(BYTES);
  }

  @Test
  void anInterruptedCopyStopsAndStoresNothing() {
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(
              () ->
                  new Store()
                      .storeFile(
                          "iso",
                          Map.of("id", 4),
                          Map.of(),
                          "d.iso",
                          new ByteArrayInputStream(BYTES),
                          null))
          .isInstanceOf(InterruptedIOException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(store.resolve("iso/4")).isEmptyDirectory();
  }

  @Test
  void aUnitWithoutAFileCannotStoreOne() {
    UnitSink noFiles =
        new Store() {
          @Override
          public Unit initUnit(
              String typeId, Map<String, Object> key, Map<String, Object> metadata, String n) {
            return new Unit(null, typeId, key, metadata, null);
          }
        };

    assertThatThrownBy(
            () ->
                noFiles.storeFile(
                    "erratum",
                    Map.of("id", 5),
                    Map.of(),
                    "x",
                    new ByteArrayInputStream(BYTES),
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("erratum");
  }

  @Test
  void digestsTakeTheFeedsSpellingOfTheirAlgorithmAndRefuseWhatIsNoDigest() {
    assertThat(FileDigest.of("sha", "AB")).isEqualTo(new FileDigest("SHA-1", "ab"));
    assertThat(FileDigest.of("sha256", "ab").algorithm()).isEqualTo("SHA-256");
    assertThat(FileDigest.sha256("ab")).hasToString("sha256:ab");
    assertThatThrownBy(() -> FileDigest.of("crc99", "ab"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("crc99");
    assertThatThrownBy(() -> FileDigest.sha256("not hex"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static String sha256Unchecked(byte[] bytes) {
    try {
      return sha256(bytes);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void anAdoptedDirectoryIsMovedIntoPlaceWholeAndOneStoredAlreadyIsKept() throws Exception {
    Path built = Files.createDirectories(store.resolve("work/tree/images"));
    Files.write(built.resolve("vmlinuz"), BYTES);

    Unit unit =
        new Store()
            .adoptDirectory("distribution", Map.of("id", 10), Map.of(), "tree", built.getParent());

    assertThat(unit.storagePath()).isEqualTo(store.resolve("distribution/10/tree"));
    assertThat(unit.storagePath().resolve("images/vmlinuz")).hasBinaryContent(BYTES);
    assertThat(store.resolve("work/tree")).doesNotExist();

    Path again = Files.createDirectories(store.resolve("work/again"));
    Files.writeString(again.resolve("other"), "other bytes");
    new Store().adoptDirectory("distribution", Map.of("id", 10), Map.of(), "tree", again);
    assertThat(again.resolve("other")).hasContent("other bytes"); // left to the caller
    assertThat(unit.storagePath().resolve("other")).doesNotExist();
  }
}
