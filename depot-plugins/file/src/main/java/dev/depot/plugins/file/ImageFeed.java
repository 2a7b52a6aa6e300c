package dev.depot.plugins.file;

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
 * A feed that is a directory of ISO images written by {@code export_distributor} (media carried
 * into an air-gapped site): read in place, without extracting or mounting anything. Chosen when a
 * {@code file://} feed has no {@code PULP_MANIFEST} of its own but holds {@code *.iso} files; every
 * image carries the export's manifest, and each listed file is read from whichever image holds it.
 */
final class ImageFeed implements Closeable {
  private final List<IsoReader> readers;
  private final Map<String, Located> files;
  private final IsoReader manifestReader;
  private final Path manifestImage;

  private record Located(IsoReader reader, IsoReader.File file, Path image) {}

  private ImageFeed(
      List<IsoReader> readers,
      Map<String, Located> files,
      IsoReader manifestReader,
      Path manifestImage) {
    this.readers = readers;
    this.files = files;
    this.manifestReader = manifestReader;
    this.manifestImage = manifestImage;
  }

  /** The image feed at a {@code file://} feed directory, if that is what it is. */
  static Optional<ImageFeed> open(URI feedDirectory) throws IOException {
    if (!"file".equalsIgnoreCase(feedDirectory.getScheme())) {
      return Optional.empty();
    }
    Path dir = Path.of(feedDirectory);
    if (!Files.isDirectory(dir) || Files.exists(dir.resolve("PULP_MANIFEST"))) {
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
    IsoReader manifestReader = null;
    Path manifestImage = null;
    try {
      for (Path image : images) {
        IsoReader reader = IsoReader.open(image);
        readers.add(reader);
        reader.forEach(
            file -> {
              if (!file.path().equals("PULP_MANIFEST")) {
                files.putIfAbsent(file.path(), new Located(reader, file, image));
              }
            });
        if (manifestReader == null && reader.find("PULP_MANIFEST").isPresent()) {
          manifestReader = reader;
          manifestImage = image;
        }
      }
    } catch (IOException | RuntimeException e) {
      for (IsoReader reader : readers) {
        reader.close();
      }
      throw new IOException("cannot read the images in " + dir + ": " + e.getMessage(), e);
    }
    return Optional.of(new ImageFeed(readers, files, manifestReader, manifestImage));
  }

  /** Copies the export's manifest out of the first image that holds one. */
  boolean copyManifest(Path target) throws IOException {
    if (manifestReader == null) {
      return false;
    }
    IsoReader.File manifest = manifestReader.find("PULP_MANIFEST").orElseThrow();
    try (InputStream in = manifestReader.open(manifest)) {
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return true;
  }

  /** Where a listed file's bytes are, if some image holds it. */
  Optional<Downloader.Source> source(String name) {
    Located located = files.get(name);
    return located == null
        ? Optional.empty()
        : Optional.of(() -> located.reader().open(located.file()));
  }

  /** Names a file inside its image in errors, e.g. {@code file:///media/zoo-01.iso#a.iso}. */
  URI label(String name) {
    Located located = files.get(name);
    URI image = located == null ? manifestImage.toUri() : located.image().toUri();
    return URI.create(image + "#" + name.replace(" ", "%20"));
  }

  @Override
  public void close() throws IOException {
    for (IsoReader reader : readers) {
      reader.close();
    }
  }
}
