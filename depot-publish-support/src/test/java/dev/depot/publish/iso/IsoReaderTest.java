package dev.depot.publish.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class IsoReaderTest {
  @TempDir Path dir;

  /** Every file of the image, path to bytes, read both ways and checked against the listed size. */
  static Map<String, byte[]> contents(Path iso) throws Exception {
    Map<String, byte[]> read = new LinkedHashMap<>();
    try (IsoReader reader = IsoReader.open(iso)) {
      List<IsoReader.File> files = new ArrayList<>();
      reader.forEach(files::add);
      for (IsoReader.File file : files) {
        byte[] bytes;
        try (InputStream in = reader.open(file)) {
          bytes = in.readAllBytes();
        }
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        assertThat(reader.transferTo(file, Channels.newChannel(copy))).isEqualTo(file.size());
        assertThat(copy.toByteArray()).as(file.path()).isEqualTo(bytes);
        assertThat((long) bytes.length).as(file.path()).isEqualTo(file.size());
        assertThat(read.put(file.path(), bytes)).as("listed twice: " + file.path()).isNull();
      }
    }
    return read;
  }

  static void assertSameTree(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(actual.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, byte[]> e : expected.entrySet()) {
      assertThat(actual.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
    }
  }

  private Path ourImage(Map<String, byte[]> files) throws Exception {
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("ours.iso");
    IsoImageTest.image(source, files).write(iso);
    return iso;
  }

  private Path xorriso(Map<String, byte[]> files, String... options) throws Exception {
    IsoTools.require("xorriso");
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("xorriso.iso");
    List<String> command = new ArrayList<>(List.of("xorriso", "-as", "mkisofs"));
    command.addAll(List.of(options));
    command.addAll(List.of("-o", iso.toString(), source.toString()));
    IsoTools.run(command.toArray(String[]::new));
    return iso;
  }

  @Test
  void readsEveryLongUtf8NameNestedDirectoryEmptyAndLargeFileOfOurImages() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    assertSameTree(contents(ourImage(files)), files);
  }

  @Test
  void readsADirectoryOfSixHundredEntriesSpanningManySectors() throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < 600; i++) {
      String name = "python3-a-rather-long-package-name-" + "v".repeat(i % 150) + i + ".rpm";
      files.put("flat/" + name, ("file " + i).getBytes(StandardCharsets.UTF_8));
    }
    files.put("a/b/c/d/e/f/g/h/i/j/k/leaf", "deep".getBytes(StandardCharsets.UTF_8));
    assertSameTree(contents(ourImage(files)), files);
  }

  @Test
  void findEntersOnlyThePathAndTellsFilesFromDirectoriesAndAbsentPaths() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    try (IsoReader reader = IsoReader.open(ourImage(files))) {
      String deep = "nested/deeper/deepest/leaf.json";
      IsoReader.File leaf = reader.find(deep).orElseThrow();
      assertThat(leaf.path()).isEqualTo(deep);
      assertThat(leaf.size()).isEqualTo(2);
      String longName = "nested/" + IsoImageTest.LONG_NAME;
      assertThat(reader.find(longName)).map(IsoReader.File::path).contains(longName);
      IsoReader.File empty = reader.find("empty.txt").orElseThrow();
      assertThat(empty.size()).isZero();
      try (InputStream in = reader.open(empty)) {
        assertThat(in.read()).isEqualTo(-1);
      }
      assertThat(reader.find("nested")).isEmpty();
      assertThat(reader.find("nested/deeper/missing")).isEmpty();
      assertThat(reader.find("/README")).isEmpty();
      assertThat(reader.find("README")).isPresent();
    }
  }

  @Test
  void readsXorrisoRockRidgeAndJolietImagesByTheirRockRidgeNames() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    assertSameTree(contents(xorriso(files, "-R", "-J")), files);
  }

  @Test
  void followsRockRidgeRelocationOfDeepDirectoriesWithoutListingTheMovedCopy() throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("a/b/c/d/e/f/g/h/i/j/leaf.txt", "deep".getBytes(StandardCharsets.UTF_8));
    files.put("a/b/c/d/e/f/g/h/beside.txt", "h".getBytes(StandardCharsets.UTF_8));
    files.put("top.txt", "top".getBytes(StandardCharsets.UTF_8));
    // xorriso relocates directories below level 8 into .rr_moved only when asked to.
    assertSameTree(contents(xorriso(files, "-R", "-J", "-hide-rr-moved")), files);
  }

  @Test
  void readsXorrisoJolietOnlyImagesByTheirJolietNames() throws Exception {
    // Joliet keeps case, spaces and Unicode, but only 64 characters: the sample without long names.
    Map<String, byte[]> files = new TreeMap<>(IsoImageTest.sampleTree());
    files.keySet().removeIf(path -> path.length() > 64);
    assertThat(files).containsKey("Mixed Case/same.TXT").containsKey("über-ß.txt");
    assertSameTree(contents(xorriso(files, "-J")), files);
  }

  @Test
  void readsPlainLevelOneImagesWithoutVersionsOrTrailingDots() throws Exception {
    Map<String, byte[]> files = new TreeMap<>();
    files.put("README", "no extension\n".getBytes(StandardCharsets.UTF_8));
    files.put("EMPTY.TXT", new byte[0]);
    files.put("DIR_A/SUB/DATA.BIN", IsoImageTest.sampleTree().get("big/five-megabytes.bin"));
    files.put("DIR_A/NOTES.TXT", "notes".getBytes(StandardCharsets.UTF_8));
    assertSameTree(contents(xorriso(files)), files);
  }
}
