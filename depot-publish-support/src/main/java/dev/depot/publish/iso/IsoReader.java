package dev.depot.publish.iso;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads the files of an ISO 9660 image in place, without extracting it: the import side of the
 * images {@link IsoImage} writes, and of images from other mastering tools.
 *
 * <p>Names come from Rock Ridge ({@code NM}, following continuation areas) when the image has it,
 * else from the Joliet tree when there is one, else from the primary identifiers without their
 * {@code ;1} version and trailing dot. The tree is walked depth-first one directory sector at a
 * time, so memory does not grow with the image. The reader trusts nothing it reads: it refuses,
 * with an {@link IOException}, images that are not ISO 9660, are truncated, have malformed records,
 * loops, trees deeper than {@value IsoTreeWalk#MAX_DEPTH}, names that are empty, {@code .}, {@code
 * ..} or hold {@code /} or NUL, or extents past the image end. Every path it gives is relative,
 * {@code /}-separated, and stays inside the tree.
 *
 * <pre>{@code
 * try (IsoReader iso = IsoReader.open(Path.of("repo-1.iso"))) {
 *   IsoReader.File manifest = iso.find("PULP_MANIFEST").orElseThrow();
 *   try (InputStream in = iso.open(manifest)) { ... }
 * }
 * }</pre>
 *
 * <p>An open reader may be used from several threads: all reads are positional.
 */
public final class IsoReader implements AutoCloseable {
  /** Volume descriptors after the last one we read are ignored; real images have a handful. */
  private static final int MAX_DESCRIPTORS = 64;

  private final ImageChannel image;
  private final IsoTreeWalk.Naming naming;
  private final long rootExtent;
  private final long rootLength;
  private final int suspSkip;

  /**
   * A regular file in the image.
   *
   * @param path its path from the image root, {@code /}-separated, without a leading slash
   * @param size its length in bytes
   * @param extent the sector (2048 bytes each) its data starts at
   */
  public record File(String path, long size, long extent) {
    /** Checks the values a caller could get wrong; the reader checks them against the image. */
    public File {
      Objects.requireNonNull(path, "path");
      if (size < 0 || extent < 0) {
        throw new IllegalArgumentException("negative size or extent for " + path);
      }
    }
  }

  private IsoReader(
      ImageChannel image, IsoTreeWalk.Naming naming, long rootExtent, long rootLength, int skip) {
    this.image = image;
    this.naming = naming;
    this.rootExtent = rootExtent;
    this.rootLength = rootLength;
    this.suspSkip = skip;
  }

  /**
   * Opens an image and reads its volume descriptors.
   *
   * @throws IOException when the file is not an ISO 9660 image, or is truncated or malformed
   */
  public static IsoReader open(Path image) throws IOException {
    FileChannel channel = FileChannel.open(image, StandardOpenOption.READ);
    try {
      return open(new ImageChannel(channel), image);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  private static IsoReader open(ImageChannel image, Path path) throws IOException {
    if (image.size() < 17L * IsoBytes.SECTOR) {
      throw new IOException("not an ISO 9660 image (too small for volume descriptors): " + path);
    }
    byte[] primary = null;
    byte[] joliet = null;
    byte[] sector = new byte[IsoBytes.SECTOR];
    for (int i = 0; i < MAX_DESCRIPTORS; i++) {
      long at = (16L + i) * IsoBytes.SECTOR;
      if (at + IsoBytes.SECTOR > image.size()) {
        throw new IOException("image ends before its volume descriptor set terminator: " + path);
      }
      image.read(at, sector, IsoBytes.SECTOR, "volume descriptor");
      if (!"CD001".equals(new String(sector, 1, 5, StandardCharsets.ISO_8859_1))) {
        throw new IOException(
            i == 0
                ? "not an ISO 9660 image (no CD001 at sector 16): " + path
                : "corrupt volume descriptor at sector " + (16 + i) + ": " + path);
      }
      int type = sector[0] & 0xFF;
      if (type == 255) {
        break;
      } else if (type == 1 && primary == null) {
        primary = sector.clone();
      } else if (type == 2 && joliet == null && isJoliet(sector)) {
        joliet = sector.clone();
      }
    }
    if (primary == null) {
      throw new IOException("ISO 9660 image without a primary volume descriptor: " + path);
    }
    int blockSize = (primary[128] & 0xFF) | (primary[129] & 0xFF) << 8;
    if (blockSize != IsoBytes.SECTOR) {
      throw new IOException("unsupported logical block size " + blockSize + ": " + path);
    }
    long volumeBytes = le32(primary, 80) * IsoBytes.SECTOR;
    if (volumeBytes > image.size()) {
      throw new IOException(
          "image is truncated: its volume has "
              + volumeBytes
              + " bytes but the file only "
              + image.size()
              + ": "
              + path);
    }
    long root = le32(primary, 156 + 2);
    long rootLength = le32(primary, 156 + 10);
    int skip = rockRidgeSkip(image, root, rootLength);
    if (skip >= 0) {
      return new IsoReader(image, IsoTreeWalk.Naming.ROCK_RIDGE, root, rootLength, skip);
    }
    if (joliet != null) {
      return new IsoReader(
          image, IsoTreeWalk.Naming.JOLIET, le32(joliet, 156 + 2), le32(joliet, 156 + 10), 0);
    }
    return new IsoReader(image, IsoTreeWalk.Naming.PRIMARY, root, rootLength, 0);
  }

  /** A supplementary descriptor whose escape sequence names UCS-2 level 1, 2 or 3. */
  private static boolean isJoliet(byte[] d) {
    return d[88] == '%' && d[89] == '/' && (d[90] == '@' || d[90] == 'C' || d[90] == 'E');
  }

  /**
   * The SUSP skip length when the root's "." record starts with {@code SP} and Rock Ridge is in use
   * (SUSP 5.3, RRIP 4.3), else -1.
   */
  private static int rockRidgeSkip(ImageChannel image, long root, long length) throws IOException {
    if (length < DirectoryRecord.MIN_LENGTH) {
      throw new IOException("corrupt primary volume descriptor: root directory length " + length);
    }
    image.checkExtent(root, Math.min(length, IsoBytes.SECTOR), "the root directory");
    byte[] sector = new byte[IsoBytes.SECTOR];
    image.read(root * IsoBytes.SECTOR, sector, IsoBytes.SECTOR, "the root directory");
    int len = sector[0] & 0xFF;
    if (len < DirectoryRecord.MIN_LENGTH) {
      throw new IOException("the root directory does not begin with its '.' record");
    }
    DirectoryRecord self = DirectoryRecord.parse(sector, 0, "the root directory");
    SystemUseReader.Fields su =
        new SystemUseReader(image).read(self, 0, "the root directory's '.' record");
    int at = self.systemUseStart();
    if (!su.sharingProtocol() || !su.rockRidge() || at + 7 > len || sector[at] != 'S') {
      return -1;
    }
    return sector[at + 6] & 0xFF;
  }

  /**
   * Gives every regular file to {@code action}, depth-first, directories in the order the image
   * lists them.
   *
   * @throws IOException when the tree is malformed; files before the fault have been given
   */
  public void forEach(Consumer<? super File> action) throws IOException {
    walk(
        new IsoTreeWalk.Visitor() {
          @Override
          public boolean enter(String path) {
            return true;
          }

          @Override
          public boolean file(File file) {
            action.accept(file);
            return true;
          }
        });
  }

  /** Every regular file, depth-first. For large images prefer {@link #forEach}. */
  public List<File> files() throws IOException {
    List<File> files = new ArrayList<>();
    forEach(files::add);
    return files;
  }

  /**
   * The regular file at {@code path} ({@code a/b/c}, no leading slash), entering only the
   * directories on the way to it.
   */
  public Optional<File> find(String path) throws IOException {
    Objects.requireNonNull(path, "path");
    List<File> found = new ArrayList<>(1);
    walk(
        new IsoTreeWalk.Visitor() {
          @Override
          public boolean enter(String dir) {
            return path.startsWith(dir + "/");
          }

          @Override
          public boolean file(File file) {
            if (file.path().equals(path)) {
              found.add(file);
              return false;
            }
            return true;
          }
        });
    return found.stream().findFirst();
  }

  private void walk(IsoTreeWalk.Visitor visitor) throws IOException {
    new IsoTreeWalk(image, naming, suspSkip).walk(rootExtent, rootLength, visitor);
  }

  /**
   * A stream of the file's bytes, read from the image; closing it leaves the reader open.
   *
   * @throws IOException when the file's extent lies past the image end
   */
  public InputStream open(File file) throws IOException {
    image.checkExtent(file.extent(), file.size(), "file " + file.path());
    return new ExtentInputStream(image, file.extent() * IsoBytes.SECTOR, file.size(), file.path());
  }

  /**
   * Copies the file's bytes from the image to {@code target}, exactly {@link File#size} of them.
   *
   * @return the number of bytes copied
   * @throws IOException when the extent lies past the image end or the copy fails
   */
  public long transferTo(File file, WritableByteChannel target) throws IOException {
    image.checkExtent(file.extent(), file.size(), "file " + file.path());
    long start = file.extent() * IsoBytes.SECTOR;
    long done = 0;
    while (done < file.size()) {
      long n = image.channel().transferTo(start + done, file.size() - done, target);
      if (n <= 0) {
        // transferTo gives 0 at end of file; looping on it would spin forever.
        throw new IOException("image ended while copying " + file.path() + " at byte " + done);
      }
      done += n;
    }
    return done;
  }

  /** Closes the image file. */
  @Override
  public void close() throws IOException {
    image.channel().close();
  }

  private static long le32(byte[] b, int at) {
    long v = 0;
    for (int i = 0; i < 4; i++) {
      v |= (long) (b[at + i] & 0xFF) << (8 * i);
    }
    return v;
  }
}
