package dev.depot.publish.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoImageTest {
  static final Instant TIME = Instant.parse("2024-05-06T07:08:09Z");
  static final String LONG_NAME =
      "a very long file name with spaces that goes on and on past every ISO 9660 limit "
          + "and beyond Joliet's sixty-four characters.tar.gz";

  @TempDir Path dir;

  /** A tree with nested directories, long and UTF-8 names, an empty and a 5 MB file. */
  static Map<String, byte[]> sampleTree() {
    Map<String, byte[]> files = new TreeMap<>();
    Random random = new Random(42);
    byte[] big = new byte[5 * 1024 * 1024 + 17];
    random.nextBytes(big);
    files.put("README", "hello\n".getBytes(StandardCharsets.UTF_8));
    files.put("empty.txt", new byte[0]);
    files.put("big/five-megabytes.bin", big);
    files.put("über-ß.txt", "umlaut\n".getBytes(StandardCharsets.UTF_8));
    files.put("nested/deeper/deepest/leaf.json", "{}".getBytes(StandardCharsets.UTF_8));
    files.put("nested/" + LONG_NAME, "long\n".getBytes(StandardCharsets.UTF_8));
    files.put("nested/" + "x".repeat(250) + ".rpm", "255 bytes\n".getBytes(StandardCharsets.UTF_8));
    files.put("Mixed Case/same.TXT", "1".getBytes(StandardCharsets.UTF_8));
    files.put("Mixed Case/SAME.txt", "2".getBytes(StandardCharsets.UTF_8));
    return files;
  }

  static Path materialize(Path root, Map<String, byte[]> files) throws Exception {
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path file = root.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.write(file, e.getValue());
    }
    return root;
  }

  static IsoImage image(Path source, Map<String, byte[]> files) throws Exception {
    IsoImage.Builder builder = IsoImage.builder().volumeId("depot test").timestamp(TIME);
    for (String path : files.keySet()) {
      builder.add(path, source.resolve(path));
    }
    return builder.build();
  }

  @Test
  void realToolsSeeRockRidgeJolietAndEveryLongName() throws Exception {
    IsoTools.require("xorriso", "isoinfo");
    Map<String, byte[]> files = sampleTree();
    Path source = materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("test.iso");
    IsoImage image = image(source, files);
    image.write(iso);
    assertThat(Files.size(iso)).isEqualTo(image.size());

    String info = IsoTools.run("isoinfo", "-d", "-i", iso.toString());
    assertThat(info).contains("Rock Ridge signatures version 1 found");
    assertThat(info).contains("Joliet with UCS level 3 found");
    assertThat(info).contains("Volume id: DEPOT_TEST");

    String rockRidge = IsoTools.run("isoinfo", "-R", "-l", "-i", iso.toString());
    assertThat(rockRidge).contains(LONG_NAME, "über-ß.txt", "x".repeat(250) + ".rpm");
    assertThat(rockRidge).contains("-rw-r--r--", "drwxr-xr-x");
    // isoinfo converts Joliet names to an 8-bit charset; Latin-1 holds the names used here.
    String joliet =
        IsoTools.run(
            StandardCharsets.ISO_8859_1,
            "isoinfo",
            "-J",
            "-j",
            "iso8859-1",
            "-l",
            "-i",
            iso.toString());
    assertThat(joliet)
        .contains("über-ß.txt", "five-megabytes.bin", "Mixed Case", "same.TXT", "SAME.txt")
        .contains(LONG_NAME.substring(0, 64 - ".gz".length()) + ".gz")
        .doesNotContain(LONG_NAME);

    var found =
        IsoTools.lines("xorriso", "-indev", iso.toString(), "-find", "/", "-type", "f").stream()
            .map(line -> line.replaceAll("^'/?(.*)'$", "$1").replace("'\"'\"'", "'"))
            .toList();
    assertThat(found).containsExactlyInAnyOrderElementsOf(files.keySet());
  }

  @Test
  void xorrisoExtractsATreeByteIdenticalToTheSourceWithPermissions() throws Exception {
    IsoTools.require("xorriso");
    Map<String, byte[]> files = sampleTree();
    Path source = materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("test.iso");
    image(source, files).write(iso);

    Path out = dir.resolve("out");
    IsoTools.run(
        "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", out.toString());

    assertThat(tree(out)).isEqualTo(files.keySet());
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      Path file = out.resolve(e.getKey());
      assertThat(Files.readAllBytes(file)).as(e.getKey()).isEqualTo(e.getValue());
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .as(e.getKey())
          .isEqualTo("rw-r--r--");
    }
    try (Stream<Path> all = Files.walk(out)) {
      for (Path d : all.filter(Files::isDirectory).filter(p -> !p.equals(out)).toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(d)))
            .as(d.toString())
            .isEqualTo("rwxr-xr-x");
      }
    }
  }

  @Test
  void manySimilarNamesAndDeepTreesSpanSectorsAndStillExtract() throws Exception {
    IsoTools.require("xorriso", "isoinfo");
    Map<String, byte[]> files = new TreeMap<>();
    for (int i = 0; i < 600; i++) {
      // Same first 40 characters: every primary and Joliet name needs a numbered suffix.
      String name = "python3-a-rather-long-package-name-that-" + "v".repeat(i % 150) + i + ".rpm";
      String parent = i % 2 == 0 ? "flat/" : "a/b/c/d/e/f/g/h/i/j/k/";
      files.put(parent + name, ("file " + i).getBytes(StandardCharsets.UTF_8));
    }
    Path source = materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("many.iso");
    image(source, files).write(iso);

    Path out = dir.resolve("out");
    IsoTools.run(
        "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", out.toString());
    assertThat(tree(out)).isEqualTo(files.keySet());
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      assertThat(Files.readAllBytes(out.resolve(e.getKey()))).isEqualTo(e.getValue());
    }
    var primaryNames =
        IsoTools.lines("isoinfo", "-l", "-i", iso.toString()).stream()
            .filter(line -> line.endsWith(".RPM;1 "))
            .toList();
    assertThat(primaryNames).hasSize(600).doesNotHaveDuplicates();
  }

  static java.util.Set<String> tree(Path root) throws Exception {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString())
          .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
    }
  }
}
