package dev.depot.publish.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.FileTrees;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Malformed and malicious images fail with an IOException that says why, and never hang. */
@Timeout(30)
class IsoReaderCorruptionTest {
  @TempDir Path dir;

  /** A small image: a subdirectory, two files, one of them named {@code qq}. */
  private Path image() throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("sub/inner.txt", "inner".getBytes(StandardCharsets.UTF_8));
    files.put("qq", "qq".getBytes(StandardCharsets.UTF_8));
    files.put("data.bin", new byte[12345]);
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("test.iso");
    IsoImageTest.image(source, files).write(iso);
    return iso;
  }

  /** Opens and walks the whole image, reading every file, as an import would. */
  private static void readAll(Path iso) throws IOException {
    try (IsoReader reader = IsoReader.open(iso)) {
      for (IsoReader.File file : reader.files()) {
        try (var in = reader.open(file)) {
          in.transferTo(java.io.OutputStream.nullOutputStream());
        }
      }
    }
  }

  private static long le32(byte[] b, int at) {
    return (b[at] & 0xFFL)
        | (b[at + 1] & 0xFFL) << 8
        | (b[at + 2] & 0xFFL) << 16
        | (b[at + 3] & 0xFFL) << 24;
  }

  /** Byte offset of the primary root directory's first sector. */
  private static int rootStart(byte[] image) {
    return (int) le32(image, 16 * 2048 + 156 + 2) * 2048;
  }

  /** Byte offset of the record in the root directory whose size field is {@code size}. */
  private static int rootRecordWithSize(byte[] image, long size, boolean directory) {
    int start = rootStart(image);
    for (int at = start; image[at] != 0; at += image[at] & 0xFF) {
      boolean isDir = (image[at + 25] & 0x02) != 0;
      if (isDir == directory
          && (directory || le32(image, at + 10) == size)
          && image[at + 32] != 1) {
        if (!directory || at != start) {
          return at;
        }
      }
    }
    throw new AssertionError("no such record");
  }

  private static void setBoth32(byte[] b, int at, long v) {
    IsoBytes.both32(b, at, v);
  }

  @Test
  void refusesFilesThatAreNotIso9660() throws Exception {
    Path zeros = dir.resolve("zeros.img");
    Files.write(zeros, new byte[40 * 2048]);
    assertThatThrownBy(() -> IsoReader.open(zeros))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no CD001 at sector 16");
    Path tiny = dir.resolve("tiny.img");
    Files.writeString(tiny, "hello");
    assertThatThrownBy(() -> IsoReader.open(tiny))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not an ISO 9660 image");
  }

  @Test
  void refusesATruncatedImage() throws Exception {
    Path iso = image();
    long size = Files.size(iso);
    try (FileChannel ch = FileChannel.open(iso, StandardOpenOption.WRITE)) {
      ch.truncate(size - 4096);
    }
    assertThatThrownBy(() -> readAll(iso))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesAFileExtentPastTheImageEnd() throws Exception {
    Path iso = image();
    byte[] b = Files.readAllBytes(iso);
    setBoth32(b, rootRecordWithSize(b, 12345, false) + 2, 0x7FFF_FFF0L);
    Files.write(iso, b);
    assertThatThrownBy(() -> readAll(iso))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("past the image end");
    try (IsoReader reader = IsoReader.open(iso)) {
      IsoReader.File forged = new IsoReader.File("x", 10, Files.size(iso) / 2048);
      assertThatThrownBy(() -> reader.open(forged))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("past the image end");
    }
  }

  @Test
  void refusesARootWhoseSelfRecordLengthIsZero() throws Exception {
    Path iso = image();
    byte[] b = Files.readAllBytes(iso);
    b[rootStart(b)] = 0;
    Files.write(iso, b);
    assertThatThrownBy(() -> readAll(iso))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("'.' record");
  }

  @Test
  void refusesASubdirectoryWhoseSelfRecordLengthIsZero() throws Exception {
    Path iso = image();
    byte[] b = Files.readAllBytes(iso);
    int sub = rootRecordWithSize(b, 0, true);
    b[(int) le32(b, sub + 2) * 2048] = 0;
    Files.write(iso, b);
    assertThatThrownBy(() -> readAll(iso))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("directory sub")
        .hasMessageContaining("'.' record");
  }

  @Test
  void refusesARecordTooShortToHoldItsFields() throws Exception {
    Path iso = image();
    byte[] b = Files.readAllBytes(iso);
    b[rootRecordWithSize(b, 12345, false)] = 10;
    Files.write(iso, b);
    assertThatThrownBy(() -> readAll(iso))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("corrupt directory record");
  }

  @Test
  void refusesADirectoryThatLoopsBackToTheRoot() throws Exception {
    Path iso = image();
    byte[] b = Files.readAllBytes(iso);
    int sub = rootRecordWithSize(b, 0, true);
    setBoth32(b, sub + 2, rootStart(b) / 2048);
    Files.write(iso, b);
    assertThatThrownBy(() -> readAll(iso))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("loops back");
  }

  @Test
  void refusesTreesDeeperThanSixtyFourLevels() throws Exception {
    String deep = "d/".repeat(70) + "leaf";
    Map<String, byte[]> files = Map.of(deep, new byte[] {1});
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("deep.iso");
    IsoImageTest.image(source, files).write(iso);
    assertThatThrownBy(() -> readAll(iso))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("deeper than 64");
  }

  @Test
  void refusesRockRidgeNamesThatCouldEscapeTheTree() throws Exception {
    for (String evil : new String[] {"..", "q/", "q\0", "/q"}) {
      Path iso = image();
      byte[] b = Files.readAllBytes(iso);
      byte[] nm = {'N', 'M', 7, 1, 0, 'q', 'q'};
      int at = indexOf(b, nm);
      byte[] replacement = evil.getBytes(StandardCharsets.ISO_8859_1);
      System.arraycopy(replacement, 0, b, at + 5, 2);
      Files.write(iso, b);
      assertThatThrownBy(() -> readAll(iso))
          .as(evil)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("unsafe name");
      Files.delete(iso);
      FileTrees.delete(dir.resolve("src"));
    }
  }

  @Test
  void readsTheUnpatchedImageFine() throws Exception {
    Path iso = image();
    readAll(iso);
    try (IsoReader reader = IsoReader.open(iso)) {
      assertThat(reader.files())
          .extracting(IsoReader.File::path)
          .containsExactlyInAnyOrder("data.bin", "qq", "sub/inner.txt");
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("pattern not in image");
  }
}
