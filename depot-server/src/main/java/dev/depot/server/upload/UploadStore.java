package dev.depot.server.upload;

import dev.depot.server.error.MissingResource;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Upload requests: one file each under {@code <data>/uploads/<upload id>}, written at the offsets
 * clients send, so an upload survives a server restart until it is imported or deleted. Ids are
 * UUIDs the server made; anything else is refused before it names a path.
 */
public final class UploadStore {
  private static final Pattern ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Path root;

  /** Uploads under {@code <dataDir>/uploads}. */
  public UploadStore(Path dataDir) {
    this.root = dataDir.resolve("uploads").toAbsolutePath().normalize();
  }

  /** Starts an upload request: an empty file. */
  public String create() throws IOException {
    Files.createDirectories(root);
    String id = UUID.randomUUID().toString();
    Files.createFile(root.resolve(id));
    return id;
  }

  /**
   * Writes a chunk at {@code offset}, streaming it to disk.
   *
   * @return the number of bytes written
   * @throws MissingResource when there is no such upload request
   */
  public long write(String id, long offset, InputStream chunk) throws IOException {
    Path file = file(id);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      byte[] buffer = new byte[64 * 1024];
      long position = offset;
      for (int n; (n = chunk.read(buffer)) > 0; ) {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
        while (bytes.hasRemaining()) {
          position += channel.write(bytes, position);
        }
      }
      return position - offset;
    } catch (NoSuchFileException e) {
      throw missing(id);
    }
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
