package dev.depot.publish.files;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes out what was written through the page cache before something that depends on it is made
 * visible or recorded: a unit's file before its row commits, a published tree before clients are
 * switched to it. Without it a power cut can leave the record or the switch on disk and the files
 * it names missing, empty or torn.
 *
 * <p>One {@code syncfs(2)} of the whole file system, through coreutils' {@code sync --file-system}
 * (Java reaches {@code syncfs} no other way before its foreign-function API): measured here, 250
 * small files take 12 ms that way and 80 ms with an {@code fsync} per file and directory. Where the
 * command cannot run (another system), the paths given are flushed one by one instead: each file,
 * each directory with everything in it.
 */
public final class FileSystemFlush {
  private static final System.Logger LOG = System.getLogger(FileSystemFlush.class.getName());
  private static final FileSystemFlush SYSTEM =
      new FileSystemFlush(List.of("sync", "--file-system"));

  private final List<String> command;
  private volatile boolean commandFails;

  private FileSystemFlush(List<String> command) {
    this.command = List.copyOf(command);
  }

  /** The flush through the system's {@code sync --file-system}. */
  public static FileSystemFlush system() {
    return SYSTEM;
  }

  /**
   * A flush through another command taking a path on the file system as its last argument (tests
   * give one that cannot run, to see the fallback work).
   */
  public static FileSystemFlush withCommand(List<String> command) {
    return new FileSystemFlush(command);
  }

  /**
   * Returns once everything written to the file system holding {@code onIt} before the call is on
   * the disk (or, without the command, once {@code paths} are).
   *
   * @param onIt an existing path on the file system to flush
   * @param paths what must be on the disk: files, directories (with all they hold); gone ones are
   *     skipped
   * @throws IOException when the disk refused the write
   */
  public void flush(Path onIt, Collection<Path> paths) throws IOException {
    if (!commandFails) {
      String failure = runCommand(onIt);
      if (failure == null) {
        return;
      }
      commandFails = true;
      LOG.log(
          System.Logger.Level.WARNING,
          "''{0}'' failed ({1}): files are flushed one by one from now on, which is slower",
          String.join(" ", command),
          failure);
    }
    for (Path path : paths) {
      fsyncAll(path);
    }
  }

  /** Null when the command flushed the file system, else why not. */
  private String runCommand(Path onIt) throws IOException {
    List<String> argv = new ArrayList<>(command);
    argv.add(onIt.toString());
    Process process;
    try {
      process = new ProcessBuilder(argv).redirectErrorStream(true).start();
    } catch (IOException e) {
      return e.getMessage();
    }
    try (var out = process.getInputStream()) {
      String said = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
      int code = process.waitFor();
      return code == 0 ? null : "exit " + code + (said.isEmpty() ? "" : ": " + said);
    } catch (InterruptedException e) {
      process.destroy();
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while flushing " + onIt);
    }
  }

  private static void fsyncAll(Path path) throws IOException {
    if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      fsync(path);
      return;
    }
    try (Stream<Path> tree = Files.walk(path)) {
      for (Path p : (Iterable<Path>) tree::iterator) {
        fsync(p);
      }
    } catch (NoSuchFileException gone) {
      // Removed meanwhile: nothing of it to keep.
    }
  }

  private static void fsync(Path path) throws IOException {
    if (Files.isSymbolicLink(path)) {
      return; // no handle on the link itself: its directory's flush carries the entry
    }
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (NoSuchFileException gone) {
      // Removed meanwhile: nothing of it to keep.
    }
  }
}
