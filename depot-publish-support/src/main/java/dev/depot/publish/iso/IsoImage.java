package dev.depot.publish.iso;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * An ISO 9660 image with Rock Ridge and Joliet, ready to be streamed out.
 *
 * <p>The primary tree has ISO 9660 level 2 names (mangled to d-characters, unique per directory);
 * Rock Ridge records carry the real names (up to 255 UTF-8 bytes), permissions 0644 for files and
 * 0755 for directories, and the image timestamp; Joliet carries the real names in UCS-2, cut to 64
 * units when longer. Everything in the image is laid out when it is {@linkplain Builder#build
 * built}; {@link #write} then streams each source file straight to the output, so memory grows with
 * the number of entries, never with their sizes. The same entries and timestamp give the same
 * bytes.
 *
 * <pre>{@code
 * IsoImage image = IsoImage.builder().volumeId("REPO_1").timestamp(now)
 *     .add("Packages/a.rpm", file).build();
 * image.write(Path.of("repo-1.iso"), task::isCancelled, (done, total) -> report(done, total));
 * }</pre>
 */
public final class IsoImage {
  private final IsoLayout layout;
  private final IsoVolume volume;

  private IsoImage(IsoLayout layout, IsoVolume volume) {
    this.layout = layout;
    this.volume = volume;
  }

  /** Starts an empty image. */
  public static Builder builder() {
    return new Builder();
  }

  /** Exact size in bytes of the image {@link #write} will produce. */
  public long size() {
    return layout.totalBytes();
  }

  /** Writes the image to a file, without progress or cancellation. */
  public void write(Path out) throws IOException {
    write(out, () -> false, IsoProgress.NONE);
  }

  /**
   * Writes the image to a file, replacing it. When writing fails or is cancelled, the partial file
   * is deleted before the exception propagates.
   *
   * @throws CancellationException when {@code cancelled} turns true or the thread is interrupted;
   *     checked before each file and every 8 MiB
   * @throws IOException when a source cannot be read or has changed size since it was added
   */
  public void write(Path out, BooleanSupplier cancelled, IsoProgress progress) throws IOException {
    toFile(
        out,
        channel -> {
          write(channel, cancelled, progress);
          return null;
        });
  }

  /**
   * Writes the image to a file as {@link #write(Path, BooleanSupplier, IsoProgress)} does and
   * returns its {@link Digests}, computed on other threads from the bytes as they are written:
   * about the time of writing alone, where hashing the finished image would read it six more times.
   *
   * @return hex digests keyed by algorithm, in {@link Digests#ALGORITHMS} order
   */
  public Map<String, String> writeWithDigests(
      Path out, BooleanSupplier cancelled, IsoProgress progress) throws IOException {
    return toFile(
        out,
        channel -> {
          try (DigestingChannel hashing = new DigestingChannel(channel)) {
            write(hashing, cancelled, progress);
            return hashing.digests();
          }
        });
  }

  private interface ChannelWork<T> {
    T run(FileChannel channel) throws IOException;
  }

  /** Runs {@code work} on a fresh file at {@code out}, deleting it unless the work completes. */
  private static <T> T toFile(Path out, ChannelWork<T> work) throws IOException {
    boolean done = false;
    try {
      T result;
      try (FileChannel channel =
          FileChannel.open(
              out,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        result = work.run(channel);
      }
      done = true;
      return result;
    } finally {
      if (!done) {
        Files.deleteIfExists(out);
      }
    }
  }

  /**
   * Writes the image to a channel, front to back, without seeking. On failure or cancellation the
   * channel holds a partial image, which the caller discards.
   *
   * @throws CancellationException when {@code cancelled} turns true or the thread is interrupted;
   *     checked before each file and every 8 MiB
   * @throws IOException when a source cannot be read or has changed size since it was added
   */
  public void write(WritableByteChannel out, BooleanSupplier cancelled, IsoProgress progress)
      throws IOException {
    Objects.requireNonNull(cancelled, "cancelled");
    Objects.requireNonNull(progress, "progress");
    new IsoStreamer(layout, volume, out, cancelled, progress).run();
  }

  /** Collects the files of an image. Not thread-safe. */
  public static final class Builder {
    private final IsoNode root = new IsoNode("", null, null, 0);
    private String volumeId = "DEPOT";
    private Instant timestamp = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    private Builder() {}

    /**
     * Sets the volume identifier: upper-cased and reduced to d-characters (at most 32) in the
     * primary descriptor, kept as given (at most 16 characters) in the Joliet one.
     */
    public Builder volumeId(String volumeId) {
      if (volumeId == null || volumeId.isBlank()) {
        throw new IllegalArgumentException("volume id must not be blank");
      }
      this.volumeId = volumeId;
      return this;
    }

    /**
     * Sets the time recorded for the volume and every entry (default: now, to the second). Fix it
     * to get byte-identical images from the same entries.
     */
    public Builder timestamp(Instant timestamp) {
      int year = timestamp.atZone(ZoneOffset.UTC).getYear();
      if (year < 1900 || year > 2155) {
        throw new IllegalArgumentException("ISO 9660 cannot record the year " + year);
      }
      this.timestamp = timestamp;
      return this;
    }

    /**
     * Adds a regular file, taking its current size.
     *
     * @throws IllegalArgumentException when the path is malformed or taken, or the file is not a
     *     regular file or 4 GiB or larger
     */
    public Builder add(String pathInImage, Path source) throws IOException {
      if (!Files.isRegularFile(source)) {
        throw new IllegalArgumentException("not a regular file: " + source);
      }
      return add(new IsoEntry(pathInImage, Files.size(source), source));
    }

    /**
     * Adds a file whose size is already known (as from {@link IsoPlanner}).
     *
     * @throws IllegalArgumentException when the path is malformed or taken, or the size is 4 GiB or
     *     larger
     */
    public Builder add(IsoEntry entry) {
      String[] names = IsoPaths.segments(entry.path());
      IsoPaths.checkSize(entry.path(), entry.size());
      IsoNode dir = directory(names, names.length - 1, entry.path());
      String name = names[names.length - 1];
      if (dir.children.containsKey(name)) {
        throw new IllegalArgumentException("path already in image: " + entry.path());
      }
      dir.children.put(name, new IsoNode(name, dir, entry.source(), entry.size()));
      return this;
    }

    /** Adds a directory, so that an empty one appears in the image too. */
    public Builder addDirectory(String pathInImage) {
      String[] names = IsoPaths.segments(pathInImage);
      directory(names, names.length, pathInImage);
      return this;
    }

    /** Lays the image out; the builder should not be used afterwards. */
    public IsoImage build() {
      return new IsoImage(new IsoLayout(root, timestamp), IsoVolume.of(volumeId, timestamp));
    }

    private IsoNode directory(String[] names, int count, String path) {
      IsoNode dir = root;
      for (int i = 0; i < count; i++) {
        IsoNode next = dir.children.get(names[i]);
        if (next == null) {
          next = new IsoNode(names[i], dir, null, 0);
          dir.children.put(names[i], next);
        } else if (!next.isDirectory()) {
          throw new IllegalArgumentException("a file is in the way of " + path);
        }
        dir = next;
      }
      return dir;
    }
  }
}
