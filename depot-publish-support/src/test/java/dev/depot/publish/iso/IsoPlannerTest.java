package dev.depot.publish.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoPlannerTest {
  static final long MB = 1024 * 1024;

  @TempDir Path dir;

  @Test
  void tenFilesOf300KbInOneMegabyteImagesMakeFourImagesThatExtractToTheWholeTree()
      throws Exception {
    IsoTools.require("xorriso");
    Map<String, byte[]> files = new LinkedHashMap<>();
    Random random = new Random(7);
    for (int i = 0; i < 10; i++) {
      byte[] data = new byte[300 * 1024];
      random.nextBytes(data);
      files.put((i < 5 ? "first" : "second/deeper") + "/file-" + i + ".bin", data);
    }
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    List<IsoEntry> entries = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      entries.add(new IsoEntry(e.getKey(), e.getValue().length, source.resolve(e.getKey())));
    }

    List<List<IsoEntry>> groups = new ArrayList<>();
    IsoPlanner.split(entries.iterator(), MB).forEachRemaining(groups::add);

    // 3 x 300 KB plus metadata fits in 1 MB; a fourth file does not.
    assertThat(groups).extracting(List::size).containsExactly(3, 3, 3, 1);
    assertThat(groups.stream().flatMap(List::stream).toList()).isEqualTo(entries);
    Path out = dir.resolve("out");
    for (int i = 0; i < groups.size(); i++) {
      IsoImage.Builder builder = IsoImage.builder().volumeId("part " + i);
      groups.get(i).forEach(builder::add);
      IsoImage image = builder.build();
      assertThat(image.size()).isLessThanOrEqualTo(IsoPlanner.sizeBound(groups.get(i)));
      Path iso = dir.resolve("part-" + i + ".iso");
      image.write(iso);
      assertThat(Files.size(iso)).isLessThanOrEqualTo(MB);
      IsoTools.run(
          "xorriso", "-osirrox", "on", "-indev", iso.toString(), "-extract", "/", out.toString());
    }
    assertThat(IsoImageTest.tree(out)).isEqualTo(new java.util.TreeSet<>(files.keySet()));
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      assertThat(Files.readAllBytes(out.resolve(e.getKey()))).isEqualTo(e.getValue());
    }
  }

  @Test
  void theBoundIsNeverBelowTheWrittenSize() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    for (int i = 0; i < 300; i++) {
      files.put("many/" + "long name ".repeat(i % 25) + i, new byte[i]);
    }
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    List<IsoEntry> entries = new ArrayList<>();
    files.forEach(
        (path, data) -> entries.add(new IsoEntry(path, data.length, source.resolve(path))));

    IsoImage image = IsoImageTest.image(source, files);

    assertThat(IsoPlanner.sizeBound(entries)).isGreaterThanOrEqualTo(image.size());
  }

  @Test
  void aFileLargerThanTheLimitIsRefusedByName() {
    Iterator<List<IsoEntry>> groups =
        IsoPlanner.split(
            List.of(
                    new IsoEntry("small", 10, dir.resolve("small")),
                    new IsoEntry("dir/huge.bin", 2 * MB, dir.resolve("huge")))
                .iterator(),
            MB);

    assertThat(groups.next()).extracting(IsoEntry::path).containsExactly("small");
    assertThatThrownBy(groups::next)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dir/huge.bin");
  }

  @Test
  void aFileJustBelowTheLimitIsRefusedSayingWhatItsImageNeeds() {
    // 1000 bytes under the limit, the file still needs the image's descriptors and directories:
    // "(1047576 bytes) does not fit in an image of at most 1048576 bytes" alone read as false.
    IsoEntry almost = new IsoEntry("almost.bin", MB - 1000, dir.resolve("almost"));
    long needed = IsoPlanner.sizeBound(List.of(almost));

    assertThatThrownBy(() -> IsoPlanner.split(List.of(almost).iterator(), MB).next())
        .isInstanceOfSatisfying(
            TooLargeForImage.class,
            e -> {
              assertThat(e.needed()).isEqualTo(needed).isGreaterThan(MB);
              assertThat(e.path()).isEqualTo("almost.bin");
            })
        .hasMessageContaining("an image of it alone takes " + needed + " bytes");
  }

  @Test
  void filesOfFourGibibytesOrMoreAreRefused() {
    IsoEntry huge = new IsoEntry("huge.img", 4L << 30, dir.resolve("huge"));

    assertThatThrownBy(() -> IsoImage.builder().add(huge))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("huge.img")
        .hasMessageContaining("4 GiB");
    assertThatThrownBy(() -> IsoPlanner.split(List.of(huge).iterator(), 8L << 30).next())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("huge.img");
  }
}
