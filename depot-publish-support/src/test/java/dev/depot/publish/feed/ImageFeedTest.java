package dev.depot.publish.feed;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.publish.iso.IsoImage;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFeedTest {
  @TempDir Path dir;

  private Path file(String name, String content) throws Exception {
    Path file = dir.resolve("src").resolve(name);
    Files.createDirectories(file.getParent());
    return Files.writeString(file, content);
  }

  /** An export on two images: the metadata and a.iso on the first, b.iso on the second. */
  private Path export() throws Exception {
    Path media = Files.createDirectories(dir.resolve("media"));
    IsoImage.builder()
        .add("repodata/index.txt", file("index.txt", "a.iso\nb.iso\n"))
        .add("a.iso", file("a.iso", "bytes of a"))
        .build()
        .write(media.resolve("zoo-01.iso"));
    IsoImage.builder()
        .add("b.iso", file("b.iso", "bytes of b"))
        .build()
        .write(media.resolve("zoo-02.iso"));
    return media;
  }

  @Test
  void aDirectoryOfExportedImagesIsReadInPlace() throws Exception {
    Path media = export();

    try (ImageFeed images = ImageFeed.open(media.toUri(), "repodata/index.txt").orElseThrow()) {
      Path metadata = dir.resolve("index.txt");
      assertThat(images.copyMetadata(metadata)).isTrue();
      assertThat(metadata).hasContent("a.iso\nb.iso\n");
      try (InputStream b = images.source("b.iso").orElseThrow().open()) {
        assertThat(new String(b.readAllBytes())).isEqualTo("bytes of b");
      }
      assertThat(images.source("c.iso")).isEmpty();
      assertThat(images.label("b.iso"))
          .isEqualTo(URI.create(media.resolve("zoo-02.iso").toUri() + "#b.iso"));
    }
  }

  @Test
  void imagesWithoutTheTypesMetadataAreNoExport() throws Exception {
    Path media = export();

    try (ImageFeed images = ImageFeed.open(media.toUri(), "PULP_MANIFEST").orElseThrow()) {
      assertThat(images.copyMetadata(dir.resolve("PULP_MANIFEST"))).isFalse();
    }
  }

  @Test
  void aFeedWithItsOwnMetadataOrWithoutImagesOrNotOnDiskIsNoImageFeed() throws Exception {
    Path media = export();
    Path plain = Files.createDirectories(dir.resolve("plain"));
    Files.writeString(plain.resolve("a.iso.txt"), "not an image");

    Files.createDirectories(media.resolve("repodata"));
    Files.writeString(media.resolve("repodata/index.txt"), "a.iso\n");
    assertThat(ImageFeed.open(media.toUri(), "repodata/index.txt")).isEmpty();
    assertThat(ImageFeed.open(plain.toUri(), "repodata/index.txt")).isEmpty();
    assertThat(ImageFeed.open(URI.create("https://example.com/zoo/"), "x")).isEmpty();
  }
}
