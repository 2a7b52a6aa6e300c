package dev.depot.publish.tree;

import dev.depot.plugin.FileTrees;
import dev.depot.publish.files.AtomicMove;
import dev.depot.publish.files.FileSystemFlush;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Publishes a tree atomically, the way every Depot distributor does: {@link #begin} a new tree in
 * the distributor's master directory, fill it with symlinks to unit files (hard links of their
 * {@link LinkTemplates}, where they have them) and metadata, then {@link Build#commit} it, which
 * renames it into place and switches each served path to it with one atomic {@code rename} of a
 * symlink. A client sees the old tree or the new one, never a mix; an abandoned build is deleted
 * and the previous tree stays served.
 *
 * <p>Trees are named {@code <epoch millis>-<random>}, so the tree that superseded another says when
 * it did: a tree is pruned once it has been superseded for longer than the grace period, which lets
 * a client that read the old metadata finish fetching the files it listed.
 *
 * <p>A publish can also {@link #beginReusing} the tree before the served one: nobody reaches it any
 * more (every request resolves the served link afresh), so it is taken over and brought up to date
 * by adding and removing only what changed, which makes a publish cost what changed. Each tree may
 * keep a plugin-written index beside it ({@code <tree>.index}) describing what it holds.
 */
public final class TreePublisher {
  private TreePublisher() {}

  /** Starts a new, empty tree under {@code masterDir} (created if needed). */
  public static Build begin(Path masterDir) throws IOException {
    Files.createDirectories(masterDir);
    String name = MasterDirectory.newName();
    Path dir = Files.createDirectory(masterDir.resolve(MasterDirectory.BUILDING + name));
    return new Build(masterDir, name, dir, null);
  }

  /**
   * Starts a new tree by taking over the newest tree that is no longer served, when it has an
   * index; otherwise starts an empty one. {@link Build#previousIndex()} tells which it did.
   */
  public static Build beginReusing(Path masterDir) throws IOException {
    List<String> trees = MasterDirectory.trees(masterDir);
    if (trees.size() < 2) {
      return begin(masterDir);
    }
    String previous = trees.get(trees.size() - 2);
    Path index = masterDir.resolve(previous + MasterDirectory.INDEX);
    // A newest tree without its index (commit) failed or died switching: the one before is served.
    if (!Files.isRegularFile(index) || !MasterDirectory.hasIndex(masterDir, trees.getLast())) {
      return begin(masterDir);
    }
    String name = MasterDirectory.newName();
    Path dir = masterDir.resolve(MasterDirectory.BUILDING + name);
    AtomicMove.move(masterDir.resolve(previous), dir);
    return new Build(masterDir, name, dir, index);
  }

  /** A tree being built; not visible to clients until committed. */
  public static final class Build implements AutoCloseable {
    private static final int DIRECTORY_ATTEMPTS = 5;

    private final Path masterDir;
    private final String name;
    private final Path dir;
    private final Path previousIndex;
    private final List<Path> asides = new java.util.ArrayList<>();
    private boolean committed;
    private volatile boolean hardLinks = true;
    private final TreeEntries entries;

    private Build(Path masterDir, String name, Path dir, Path previousIndex) {
      this.masterDir = masterDir;
      this.name = name;
      this.dir = dir;
      this.previousIndex = previousIndex;
      this.entries = new TreeEntries(dir);
    }

    /** The directory being filled. */
    public Path dir() {
      return dir;
    }

    /**
     * The index of the tree this build took over, whose files are already in {@link #dir()}; empty
     * when the build started empty.
     */
    public java.util.Optional<Path> previousIndex() {
      return java.util.Optional.ofNullable(previousIndex);
    }

    /** Where to write this tree's index; it is kept beside the tree once committed. */
    public Path indexFile() {
      return masterDir.resolve(MasterDirectory.BUILDING + name + MasterDirectory.INDEX);
    }

    /**
     * Where to write a part of this tree's index: a file the next publish that takes the tree over
     * finds through {@link #previousIndexPart}, kept and pruned with the tree, never served. For
     * what one index file holds badly, such as a large file written on a thread of its own.
     *
     * @param part the part's name: letters, digits, dots and dashes
     * @throws IllegalArgumentException for any other name
     */
    public Path indexPart(String part) {
      return masterDir.resolve(MasterDirectory.BUILDING + name + MasterDirectory.partSuffix(part));
    }

    /**
     * A part of the index of the tree this build took over ({@link #indexPart} of the publish that
     * wrote it); empty when the build started empty or that publish wrote no such part.
     */
    public java.util.Optional<Path> previousIndexPart(String part) {
      return java.util.Optional.ofNullable(previousIndex)
          .map(index -> masterDir.resolve(previousTreeName() + MasterDirectory.partSuffix(part)))
          .filter(file -> Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS));
    }

    private String previousTreeName() {
      String index = previousIndex.getFileName().toString();
      return index.substring(0, index.length() - MasterDirectory.INDEX.length());
    }

    /**
     * Removes the link at {@code relativePath} if it still points at {@code target} (another unit
     * may have taken the name meanwhile), then its parent directories that became empty. Safe to
     * call from several threads at once for different paths, beside {@link #link}.
     */
    public void unlink(String relativePath, Path target) throws IOException {
      Path link = entries.resolve(relativePath);
      try {
        if (!Files.readSymbolicLink(link).equals(target)) {
          return;
        }
      } catch (NoSuchFileException | java.nio.file.NotLinkException e) {
        return;
      }
      Files.delete(link);
      for (Path parent = link.getParent(); !parent.equals(dir); parent = parent.getParent()) {
        if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
          break;
        }
        // The removal itself says whether the directory is empty: reading the directory first
        // cost a readdir of a whole buffer of entries per link removed, some 0.25 ms a package in
        // a yum tree's Packages/b/ of 20,000 links, most of a small re-publish's time.
        try {
          Files.delete(parent);
        } catch (DirectoryNotEmptyException | NoSuchFileException e) {
          break; // still holds links, another thread linked into it, or removed it first
        }
      }
    }

    /** Points the link at {@code relativePath} at {@code target}, replacing any link there. */
    public void relink(String relativePath, Path target) throws IOException {
      try {
        link(relativePath, target);
      } catch (FileAlreadyExistsException e) {
        Path link = entries.resolve(relativePath);
        Path temp = link.resolveSibling("." + link.getFileName() + ".relink");
        Files.deleteIfExists(temp);
        place(temp, target);
        AtomicMove.move(temp, link);
      }
    }

    /**
     * Adds a symlink at {@code relativePath} pointing at {@code target} (an absolute path): a hard
     * link of the target's {@link LinkTemplates template} when it has one, a new symlink otherwise.
     * Safe to call from several threads at once.
     *
     * @throws IllegalArgumentException when the relative path is unsafe
     */
    public void link(String relativePath, Path target) throws IOException {
      Path link = entries.resolve(relativePath);
      for (int attempt = 1; ; attempt++) {
        try {
          place(link, target);
          return;
        } catch (NoSuchFileException e) {
          // Another thread's unlink may remove the directory between its creation and the link,
          // when it emptied it: make it again, a few times.
          if (attempt == DIRECTORY_ATTEMPTS) {
            throw e;
          }
          Files.createDirectories(link.getParent());
        }
      }
    }

    private void place(Path link, Path target) throws IOException {
      if (hardLinks && placeHardLink(link, target)) {
        return;
      }
      Files.createSymbolicLink(link, target);
    }

    /** Links the target's template in; false when this unit is to get a symlink instead. */
    private boolean placeHardLink(Path link, Path target) throws IOException {
      Path template = LinkTemplates.of(target);
      for (boolean templateMade = false; ; templateMade = true) {
        try {
          // link(2) on Linux does not follow the template: the new name is the same symlink.
          Files.createLink(link, template);
          return true;
        } catch (NoSuchFileException e) {
          if (!Files.isDirectory(link.getParent())) {
            throw e; // the caller makes the directory and comes back
          }
          // A unit stored before templates existed gets one now, for later publishes.
          if (templateMade || !LinkTemplates.create(target)) {
            return false;
          }
        } catch (FileAlreadyExistsException e) {
          throw e;
        } catch (FileSystemException e) {
          // Another file system (EXDEV) or a template with too many links (EMLINK): symlinks
          // from here on, rather than a failed call per unit.
          hardLinks = false;
          return false;
        }
      }
    }

    /**
     * Moves a file of the tree this build took over out of the tree, so that the publish can read
     * its old bytes while it writes the file anew (merging what changed into the last metadata,
     * say). The moved file is deleted when the build commits or closes.
     *
     * @return where the old file now is; empty when the tree has no regular file there
     * @throws IllegalArgumentException when the relative path is unsafe
     */
    public java.util.Optional<Path> setAside(String relativePath) throws IOException {
      Path file = entries.resolve(relativePath);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
        return java.util.Optional.empty();
      }
      Path aside = nextAside();
      AtomicMove.move(file, aside);
      return java.util.Optional.of(aside);
    }

    /**
     * Cuts a file of the tree this build took over after its first {@code keep} bytes: the rest
     * moves to an aside file (deleted when the build commits or closes) and the head stays in
     * place, to be appended to. A publish whose changes start late in a large metadata file (lines
     * sorted by a key that new units sort last by) then writes what follows its first change
     * instead of the whole file.
     *
     * @return the aside file holding the rest; empty when the tree has no regular file there, or
     *     one with other hard links (cutting it would change them too)
     * @throws IllegalArgumentException when the relative path is unsafe, or {@code keep} is not
     *     within the file
     */
    public java.util.Optional<Path> splitOff(String relativePath, long keep) throws IOException {
      Path file = entries.resolve(relativePath);
      if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || FileCut.hasOtherLinks(file)) {
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(cut(file, keep));
    }

    /**
     * Makes the index of the tree this build took over its own {@link #indexFile()}, cut after its
     * first {@code keep} bytes as {@link #splitOff} cuts a file.
     *
     * @return the aside file holding the rest of the old index
     * @throws IllegalStateException when the build took over no tree
     */
    public Path splitOffPreviousIndex(long keep) throws IOException {
      if (previousIndex == null) {
        throw new IllegalStateException("the build took over no tree, so it has no index to keep");
      }
      AtomicMove.move(previousIndex, indexFile());
      return cut(indexFile(), keep);
    }

    private Path cut(Path file, long keep) throws IOException {
      Path aside = nextAside();
      FileCut.split(file, keep, aside);
      return aside;
    }

    /** A new aside file's path, named as the build, so a crash leaves nothing pruning misses. */
    private Path nextAside() {
      Path aside = masterDir.resolve(MasterDirectory.BUILDING + name + ".aside-" + asides.size());
      asides.add(aside);
      return aside;
    }

    private void deleteAsides() throws IOException {
      for (Path aside : asides) {
        Files.deleteIfExists(aside);
      }
    }

    /** Writes a metadata file at {@code relativePath} through the given writer. */
    public void write(String relativePath, Writer writer) throws IOException {
      Path file = entries.resolve(relativePath);
      Files.createDirectories(file.getParent());
      try (OutputStream out = entries.create(file, relativePath)) {
        writer.writeTo(out);
      }
    }

    /**
     * Makes the tree the one served at every path in {@code servedPaths}, and stops serving it at
     * {@code unservedPaths} (e.g. the HTTP path when HTTP was switched off). Each switch is one
     * atomic rename, made once the tree is on the disk ({@link FileSystemFlush}). Then prunes trees
     * superseded longer than {@code grace} ago, and builds abandoned before this one began.
     *
     * @return the published tree's final directory
     */
    public Path commit(Collection<Path> servedPaths, Collection<Path> unservedPaths, Duration grace)
        throws IOException {
      Path tree = masterDir.resolve(name);
      // On the disk before anything points at it: after a power cut a served link must not lead
      // to a tree whose entries were still in memory (half a repository, which clients would see).
      FileSystemFlush.system().flush(masterDir, List.of(dir, masterDir));
      AtomicMove.move(dir, tree);
      committed = true;
      deleteAsides();
      // The parts first: a tree with an index always has the parts written with it.
      MasterDirectory.renameIndexParts(masterDir, MasterDirectory.BUILDING + name, name);
      deletePreviousIndex();
      for (Path served : servedPaths) {
        ServedLinks.switchLink(served, tree);
      }
      for (Path unserved : unservedPaths) {
        ServedLinks.unpublish(ServedLinks.rootBeside(unserved, masterDir), unserved);
      }
      // Last: an index says the tree before is served nowhere, for beginReusing to take over.
      if (Files.exists(indexFile())) {
        AtomicMove.move(indexFile(), masterDir.resolve(name + MasterDirectory.INDEX));
      }
      MasterDirectory.prune(masterDir, grace, Instant.now(), MasterDirectory.startedAt(name));
      return tree;
    }

    /** Deletes the tree unless it was committed: a failed or cancelled publish leaves no trace. */
    @Override
    public void close() throws IOException {
      if (!committed) {
        deleteAsides();
        FileTrees.delete(dir);
        Files.deleteIfExists(indexFile());
        MasterDirectory.deleteIndexParts(masterDir, MasterDirectory.BUILDING + name);
        deletePreviousIndex(); // its tree was taken over and is gone
      }
    }

    private void deletePreviousIndex() throws IOException {
      if (previousIndex != null) {
        Files.deleteIfExists(previousIndex);
        MasterDirectory.deleteIndexParts(masterDir, previousTreeName());
      }
    }
  }

  /** Writes one metadata file. */
  @FunctionalInterface
  public interface Writer {
    /** Writes the file's bytes. */
    void writeTo(OutputStream out) throws IOException;
  }

  /**
   * Stops serving at {@code served} (removes the link) and removes emptied parent directories up to
   * but excluding {@code servedRoot}, the protocol root it must lie below. Missing links are ok.
   */
  public static void unpublish(Path servedRoot, Path served) throws IOException {
    ServedLinks.unpublish(servedRoot, served);
  }

  /** Deletes every tree of a distributor: after {@link #unpublish}, when it is removed. */
  public static void deleteAll(Path masterDir) throws IOException {
    FileTrees.delete(masterDir);
  }

  /**
   * Deletes the trees of {@code masterDir} superseded for longer than {@code grace}, and builds
   * left behind by a crash. The newest tree always stays.
   */
  public static void prune(Path masterDir, Duration grace, Instant now) throws IOException {
    MasterDirectory.prune(masterDir, grace, now);
  }
}
