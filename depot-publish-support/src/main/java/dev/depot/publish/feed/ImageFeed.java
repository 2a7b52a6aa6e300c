package dev.depot.publish.feed;

import dev.depot.publish.download.Downloader;
import dev.depot.publish.iso.IsoReader;
import dev.depot.publish.tree.RootedFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A feed that is a directory of ISO images written by an export distributor (media carried into an
 * air-gapped site): read in place, without extracting or mounting anything. A {@code file://} feed
 * is one when it lacks the type's metadata file (the file plugin's {@code PULP_MANIFEST}, say) but
 * holds {@code *.iso} files; every image carries the export's metadata, and each listed file is
 * read from whichever image holds it.
 *
 * <pre>{@code
 * try (ImageFeed images = ImageFeed.open(feedDirectory, "PULP_MANIFEST").orElse(null)) {
 *   if (images != null && images.copyMetadata(workingDir.resolve("PULP_MANIFEST"))) {
 *     downloader.store(images.label(name), images.source(name).orElseThrow(), target, ...);
 *   }
 * }
 * }</pre>
 */
public final class ImageFeed implements Closeable {
  private final List<IsoReader> readers;
  private final Map<String, Located> files;
  private final String metadataPath;
  private final IsoReader metadataReader;
  private final Path metadataImage;

  private record Located(IsoReader reader, IsoReader.File file, Path image) {}

  private ImageFeed(
      List<IsoReader> readers,
      Map<String, Located> files,
      String metadataPath,
      IsoReader metadataReader,
      Path metadataImage) {
    this.readers = readers;
    this.files = files;
    this.metadataPath = metadataPath;
    this.metadataReader = metadataReader;
    this.metadataImage = metadataImage;
  }

  /**
   * The image feed at a {@code file://} feed directory, if that is what it is.
   *
   * @param feedDirectory the feed, as a directory URL
   * @param metadataPath where the type's metadata file is, in the feed and in each image (e.g.
   *     {@code PULP_MANIFEST}); a feed that has it is not an image feed
   * @return the images, open; empty when the feed is not a directory of images
   * @throws IOException when an image cannot be read, or is a link out of the feed directory
   */
  public static Optional<ImageFeed> open(URI feedDirectory, String metadataPath)
      throws IOException {
    if (!"file".equalsIgnoreCase(feedDirectory.getScheme())) {
      return Optional.empty();
    }
    Path dir = Path.of(feedDirectory);
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve(metadataPath))) {
      return Optional.empty();
    }
    List<Path> images = new ArrayList<>();
    try (Stream<Path> listed = Files.list(dir)) {
      for (Path listedImage :
          listed
              .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".iso"))
              .sorted()
              .toList()) {
        // An image that is a link out of the feed directory fails the sync, naming it.
        Path image = RootedFiles.realPathInside(dir, listedImage.getFileName().toString());
        if (Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS)) {
          images.add(image);
        }
      }
    }
    if (images.isEmpty()) {
      return Optional.empty();
    }
    List<IsoReader> readers = new ArrayList<>();
    Map<String, Located> files = new HashMap<>();
    IsoReader metadataReader = null;
    Path metadataImage = null;
    try {
      for (Path image : images) {
        IsoReader reader = IsoReader.open(image);
        readers.add(reader);
        reader.forEach(
            file -> {
              if (!file.path().equals(metadataPath)) {
                files.putIfAbsent(file.path(), new Located(reader, file, image));
              }
            });
        if (metadataReader == null && reader.find(metadataPath).isPresent()) {
          metadataReader = reader;
          metadataImage = image;
        }
      }
    } catch (IOException | RuntimeException e) {
      for (IsoReader reader : readers) {
        reader.close();
      }
      throw new IOException("cannot read the images in " + dir + ": " + e.getMessage(), e);
    }
    return Optional.of(new ImageFeed(readers, files, metadataPath, metadataReader, metadataImage));
  }

  /**
   * Copies the export's metadata file out of the first image that holds one.
   *
   * @return false when no image holds it: the images are not an export
   */
  public boolean copyMetadata(Path target) throws IOException {
    if (metadataReader == null) {
      return false;
    }
    IsoReader.File metadata = metadataReader.find(metadataPath).orElseThrow();
    try (InputStream in = metadataReader.open(metadata)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return true;
  }

  /** Where a listed file's bytes are, if some image holds it; for {@code Downloader.store}. */
  public Optional<Downloader.Source> source(String name) {
    Located located = files.get(name);
    return located == null
        ? Optional.empty()
        : Optional.of(() -> located.reader().open(located.file()));
  }

  /** Names a file inside its image in errors, e.g. {@code file:///media/zoo-01.iso#a.iso}. */
  public URI label(String name) {
    Located located = files.get(name);
    URI image = located == null ? metadataImage.toUri() : located.image().toUri();
    return URI.create(image + "#" + name.replace(" ", "%20"));
  }

  /** Closes every image. */
  @Override
  public void close() throws IOException {
    for (IsoReader reader : readers) {
      reader.close();
    }
  }
}
