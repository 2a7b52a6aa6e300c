package dev.depot.publish.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoDigestsTest {
  @TempDir Path dir;

  @Test
  void digestLinesMatchCoreutilsForTheSameFile() throws Exception {
    IsoTools.require("md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum");
    byte[] data = new byte[3 * 1024 * 1024 + 5]; // spans several reads
    new Random(1).nextBytes(data);
    Path file = Files.write(dir.resolve("repo-1.iso"), data);

    Path digests = Digests.write(file);

    assertThat(digests).hasFileName("repo-1.iso.DIGESTS");
    List<String> lines = Files.readAllLines(digests);
    assertThat(lines).hasSize(6);
    List<String> tools =
        List.of("md5sum", "sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum");
    for (int i = 0; i < tools.size(); i++) {
      // In binary mode coreutils print exactly "<hex> *<name>", with the name as given.
      String expected =
          IsoTools.lines("sh", "-c", "cd '" + dir + "' && " + tools.get(i) + " -b repo-1.iso")
              .getFirst();
      assertThat(lines.get(i)).isEqualTo(expected);
    }
  }

  @Test
  void anEmptyFileHasTheWellKnownDigests() throws Exception {
    Path file = Files.write(dir.resolve("empty"), new byte[0]);

    assertThat(Digests.of(file))
        .containsEntry("MD5", "d41d8cd98f00b204e9800998ecf8427e")
        .containsEntry(
            "SHA-256", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        .containsOnlyKeys(Digests.ALGORITHMS);
  }
}
