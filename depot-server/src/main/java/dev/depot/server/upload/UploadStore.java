package dev.depot.server.upload;

import dev.depot.server.config.InputLimits;
import dev.depot.server.error.LimitExceeded;
import dev.depot.server.error.MissingResource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Upload requests: one file each under {@code <data>/uploads/<upload id>}, written at the offsets
 * clients send, so an upload survives a server restart until it is imported or deleted. Ids are
 * UUIDs the server made; anything else is refused before it names a path.
 *
 * <p>The disk is guarded on both ends: a chunk that would eat into the reserve the server keeps
 * free is refused (507) and leaves nothing behind, and an upload nobody has written to for the
 * expiry is deleted, so abandoned uploads give their space back.
 */
public final class UploadStore {
  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** How often free space is looked at again while a chunk streams in. */
  private static final long SPACE_CHECK_BYTES = 4L << 20;

  private final Path root;
  private final long minFreeSpace;
  private final Duration expiry;
  private final Clock clock;
  private Instant lastSweep = Instant.MIN;
  private int maxOpen = MAX_OPEN;

  /** Uploads under {@code <dataDir>/uploads}, with the default limits. */
  public UploadStore(Path dataDir) {
    this(dataDir, InputLimits.DEFAULT, Clock.systemUTC());
  }

  /**
   * Uploads under {@code <dataDir>/uploads}.
   *
   * @param limits the free space to keep and when an upload counts as abandoned
   * @param clock tells the age of uploads
   */
  public UploadStore(Path dataDir, InputLimits limits, Clock clock) {
    this.root = dataDir.resolve("uploads").toAbsolutePath().normalize();
    this.minFreeSpace = limits.minFreeSpace();
    this.expiry = limits.uploadExpiry();
    this.clock = clock;
  }

  /**
   * Open upload requests the server keeps at most: clients delete theirs once imported (Pulp's and
   * Depot's CLI do), so this many only a client creating them without end reaches; each is a file,
   * and unbounded they would use up the file system's inodes within the day they take to expire.
   */
  public static final int MAX_OPEN = 10_000;

  /** Starts an upload request: an empty file. Abandoned uploads are reclaimed first. */
  public String create() throws IOException {
    Files.createDirectories(root);
    reclaimAbandonedNowAndThen();
    if (ids().size() >= maxOpen) {
      throw LimitExceeded.tooManyUploads(maxOpen);
    }
    String id = UUID.randomUUID().toString();
    Files.createFile(root.resolve(id));
    return id;
  }

  /**
   * Deletes every upload nobody has written to within the expiry.
   *
   * @return how many were deleted
   */
  public int reclaimAbandoned() throws IOException {
    Instant cutoff = clock.instant().minus(expiry);
    int deleted = 0;
    for (String id : ids()) {
      Path file = root.resolve(id);
      try {
        if (Files.getLastModifiedTime(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
            .toInstant()
            .isBefore(cutoff)) {
          deleted += Files.deleteIfExists(file) ? 1 : 0;
        }
      } catch (NoSuchFileException e) {
        // deleted by its client meanwhile
      }
    }
    return deleted;
  }

  /** The same store keeping at most {@code maxOpen} open upload requests (tests use a few). */
  public UploadStore withMaxOpen(int maxOpen) {
    this.maxOpen = maxOpen;
    return this;
  }

  /** Marks an upload as in use (an import is queued for it), so it does not expire meanwhile. */
  public void touch(String id) throws IOException {
    Files.setLastModifiedTime(file(id), FileTime.from(clock.instant()));
  }

  /** A sweep per half expiry at most, however many uploads are created. */
  private void reclaimAbandonedNowAndThen() throws IOException {
    Instant now = clock.instant();
    Duration interval =
        expiry.dividedBy(2).compareTo(Duration.ofMinutes(1)) < 0
            ? expiry.dividedBy(2)
            : Duration.ofMinutes(1);
    synchronized (this) {
      if (lastSweep.plus(interval).isAfter(now)) {
        return;
      }
      lastSweep = now;
    }
    reclaimAbandoned();
  }

  /**
   * Writes a chunk at {@code offset}, streaming it to disk. A chunk that fails part way (full disk,
   * a body over its cap, a client gone) is cut off again: the file is as long as before.
   *
   * @param declaredLength the chunk's length when the client said it, else -1
   * @return the number of bytes written
   * @throws MissingResource when there is no such upload request
   * @throws LimitExceeded (507) when the chunk would leave less than the reserve free
   */
  public long write(String id, long offset, long declaredLength, InputStream chunk)
      throws IOException {
    Path file = file(id);
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.WRITE, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      long before = channel.size();
      // A chunk past the end leaves a hole the file system does not store yet, but the import
      // reads (and the content store writes) every byte of it: the hole needs its space too, or a
      // byte at a wild offset makes a file of terabytes that fills the disk when it is imported.
      requireSpace(saturatedAdd(Math.max(0, offset - before), Math.max(0, declaredLength)));
      try {
        return copy(chunk, channel, offset);
      } catch (IOException | RuntimeException e) {
        // Bytes past the old end belong to this chunk alone: drop them, so a retry starts clean.
        // (Bytes it overwrote below the old end came from a resend of the same chunk.)
        if (channel.size() > before) {
          channel.truncate(before);
        }
        boolean full = e instanceof IOException io && isDiskFull(io);
        if (full || e instanceof LimitExceeded) {
          // Read to the chunk's end (it is capped): a client still sending when the answer comes
          // and the connection closes sees a reset, not its 507.
          discardRest(chunk);
        }
        if (full) {
          throw LimitExceeded.diskFull(usableSpace(), minFreeSpace);
        }
        throw e;
      }
    } catch (NoSuchFileException e) {
      throw missing(id);
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return sum < 0 ? Long.MAX_VALUE : sum;
  }

  private static void discardRest(InputStream chunk) {
    try {
      chunk.transferTo(OutputStream.nullOutputStream());
    } catch (IOException | RuntimeException e) {
      // over its cap, or the client gone: nothing more to read either way
    }
  }

  private long copy(InputStream chunk, FileChannel channel, long offset) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long position = offset;
    long sinceCheck = 0;
    for (int n; (n = chunk.read(buffer)) > 0; ) {
      ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
      while (bytes.hasRemaining()) {
        position += channel.write(bytes, position);
      }
      sinceCheck += n;
      if (sinceCheck >= SPACE_CHECK_BYTES) {
        sinceCheck = 0;
        requireSpace(0); // a chunk of unknown length must not eat the reserve either
      }
    }
    return position - offset;
  }

  private void requireSpace(long needed) throws IOException {
    long usable = usableSpace();
    if (usable - needed < minFreeSpace) {
      throw LimitExceeded.diskFull(usable, minFreeSpace);
    }
  }

  private long usableSpace() throws IOException {
    return Files.getFileStore(root).getUsableSpace();
  }

  /** ENOSPC and EDQUOT reach Java only as the message of a plain IOException. */
  private static boolean isDiskFull(IOException e) {
    String message = String.valueOf(e.getMessage());
    return message.contains("No space left on device") || message.contains("Disk quota exceeded");
  }

  /**
   * The file of an upload request.
   *
   * @throws MissingResource when there is none
   */
  public Path file(String id) {
    if (id == null || !ID.matcher(id).matches()) {
      throw missing(id);
    }
    Path file = root.resolve(id);
    if (!Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw missing(id);
    }
    return file;
  }

  /** Deletes an upload request; deleting one that is gone is fine, as in Pulp. */
  public void delete(String id) throws IOException {
    if (id != null && ID.matcher(id).matches()) {
      Files.deleteIfExists(root.resolve(id));
    }
  }

  /** The ids of every upload request. */
  public List<String> ids() throws IOException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(root)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(name -> ID.matcher(name).matches())
          .sorted()
          .toList();
    }
  }

  private static MissingResource missing(String id) {
    return MissingResource.of("upload_request", String.valueOf(id));
  }
}
