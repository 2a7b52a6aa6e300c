package dev.depot.publish.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoWritingTest {
  @TempDir Path dir;

  @Test
  void theSameEntriesAndTimestampGiveTheSameBytes() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path first = dir.resolve("first.iso");
    Path second = dir.resolve("second.iso");

    IsoImageTest.image(source, files).write(first);
    IsoImageTest.image(source, files).write(second);

    assertThat(Files.mismatch(first, second)).isEqualTo(-1);
    IsoImage later =
        IsoImage.builder()
            .volumeId("depot test")
            .timestamp(Instant.parse("2025-01-01T00:00:00Z"))
            .add("README", source.resolve("README"))
            .build();
    later.write(second);
    assertThat(Files.mismatch(first, second)).isNotEqualTo(-1);
  }

  @Test
  void progressCountsUpToTheImageSize() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    IsoImage image = IsoImageTest.image(source, files);
    List<long[]> reports = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    image.write(
        Channels.newChannel(bytes),
        () -> false,
        (done, total) -> reports.add(new long[] {done, total}));

    assertThat(bytes.size()).isEqualTo(image.size());
    assertThat(reports).isNotEmpty().allSatisfy(r -> assertThat(r[1]).isEqualTo(image.size()));
    assertThat(reports.getLast()[0]).isEqualTo(image.size());
    assertThat(reports).extracting(r -> r[0]).isSorted();
  }

  @Test
  void digestsComputedWhileWritingAreThoseOfTheWrittenImage() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree(); // one file spans several 1 MiB chunks
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path hashed = dir.resolve("hashed.iso");
    Path plain = dir.resolve("plain.iso");

    Map<String, String> digests =
        IsoImageTest.image(source, files).writeWithDigests(hashed, () -> false, IsoProgress.NONE);
    IsoImageTest.image(source, files).write(plain);

    assertThat(Files.mismatch(hashed, plain)).isEqualTo(-1);
    assertThat(digests).containsExactlyEntriesOf(Digests.of(plain));
    assertThat(digests.keySet()).containsExactlyElementsOf(Digests.ALGORITHMS);
  }

  @Test
  void cancellingWhileHashingLeavesNoFileAndNoHashingThread() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("cancelled.iso");
    AtomicInteger checks = new AtomicInteger();

    assertThatThrownBy(
            () ->
                IsoImageTest.image(source, files)
                    .writeWithDigests(iso, () -> checks.incrementAndGet() > 3, IsoProgress.NONE))
        .isInstanceOf(CancellationException.class);

    assertThat(iso).doesNotExist();
    assertThat(Thread.getAllStackTraces().keySet())
        .noneMatch(t -> t.getName().startsWith("iso-digest-"));
  }

  @Test
  void cancellingStopsBetweenFilesAndLeavesNoPartialFile() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("cancelled.iso");
    AtomicInteger checks = new AtomicInteger();

    assertThatThrownBy(
            () ->
                IsoImageTest.image(source, files)
                    .write(iso, () -> checks.incrementAndGet() > 3, IsoProgress.NONE))
        .isInstanceOf(CancellationException.class);

    assertThat(checks.get()).isEqualTo(4);
    assertThat(iso).doesNotExist();
  }

  @Test
  void anInterruptedThreadStopsWithCancellation() throws Exception {
    Map<String, byte[]> files = IsoImageTest.sampleTree();
    Path source = IsoImageTest.materialize(dir.resolve("src"), files);
    Path iso = dir.resolve("interrupted.iso");
    Thread.currentThread().interrupt();
    try {
      assertThatThrownBy(() -> IsoImageTest.image(source, files).write(iso))
          .isInstanceOf(CancellationException.class);
    } finally {
      Thread.interrupted();
    }
    assertThat(iso).doesNotExist();
  }

  @Test
  void pathsThatCannotBeStoredAreRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("f"), "x");
    IsoImage.Builder builder = IsoImage.builder().add("a/b", file);

    assertThatThrownBy(() -> builder.add("a/b", file)).hasMessageContaining("already in image");
    assertThatThrownBy(() -> builder.add("a/b/c", file))
        .hasMessageContaining("a file is in the way");
    assertThatThrownBy(() -> builder.add("../x", file)).hasMessageContaining("malformed");
    assertThatThrownBy(() -> builder.add("/abs", file)).hasMessageContaining("not a relative");
    assertThatThrownBy(() -> builder.add("n".repeat(256), file)).hasMessageContaining("255 bytes");
  }
}
