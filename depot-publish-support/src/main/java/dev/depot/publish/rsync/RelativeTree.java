package dev.depot.publish.rsync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A copy of a published tree that works on the remote host: each link into the content store
 * becomes a relative link to the same file in the pushed units directory, so the tree resolves
 * wherever the remote root is; other files (metadata such as {@code PULP_MANIFEST}) are copied with
 * their modification times, so rsync sees them unchanged when they are (a file republished with the
 * same bytes keeps the copy's older time).
 *
 * <p>The copy is kept between pushes and brought in line with the published tree entry by entry, so
 * an unchanged tree costs reads, not writes.
 */
final class RelativeTree {
  private RelativeTree() {}

  /** What the copy holds, and how many entries changed to get there. */
  record Made(long links, long files, long changed) {}

  /**
   * Brings the copy in line with the published tree.
   *
   * @param published the published tree (a link to it is followed)
   * @param unitsRoot the content store's units root
   * @param treePath where the tree goes below the remote root (relative)
   * @param unitsPath where units go below the remote root (relative)
   * @param out the copy: missing, or left by an earlier call
   */
  static Made sync(Path published, Path unitsRoot, String treePath, String unitsPath, Path out)
      throws IOException {
    Path source = published.toRealPath();
    // A first push makes the copy from nothing: nothing there to compare, replace or prune.
    boolean fresh = Files.notExists(out, LinkOption.NOFOLLOW_LINKS);
    Files.createDirectories(out);
    Copier copier =
        new Copier(source, unitsRoot, Path.of(treePath), Path.of(unitsPath), out, fresh);
    Files.walkFileTree(source, copier);
    long changed = copier.changed + (fresh ? 0 : prune(source, out));
    return new Made(copier.links, copier.files, changed);
  }

  /** Walks the published tree, bringing each entry's copy in line. */
  private static final class Copier extends SimpleFileVisitor<Path> {
    private final Path source;
    private final Path unitsRoot;
    private final Path remoteTree;
    private final Path remoteUnits;
    private final Path out;
    private final boolean fresh;
    long links;
    long files;
    long changed;

    Copier(
        Path source, Path unitsRoot, Path remoteTree, Path remoteUnits, Path out, boolean fresh) {
      this.source = source;
      this.unitsRoot = unitsRoot;
      this.remoteTree = remoteTree;
      this.remoteUnits = remoteUnits;
      this.out = out;
      this.fresh = fresh;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
        throws IOException {
      Path target = out.resolve(source.relativize(dir).toString());
      if (fresh) {
        if (!dir.equals(source)) {
          Files.createDirectory(target);
          changed++;
        }
      } else if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
        delete(target);
        Files.createDirectories(target);
        changed++;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
      String relative = source.relativize(file).toString();
      Path target = out.resolve(relative);
      if (attrs.isSymbolicLink()) {
        Path pointsTo = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
        if (pointsTo.startsWith(unitsRoot)) {
          Path from = remoteTree.resolve(relative).getParent();
          copyLink(target, from.relativize(remoteUnits.resolve(unitsRoot.relativize(pointsTo))));
          return FileVisitResult.CONTINUE;
        }
        // A publish links only into the content store and to the tree's own files; a link planted
        // by hand to anything else (the server's keys, say) would send that file to the remote.
        if (!file.toRealPath().startsWith(source)) {
          throw new IOException(
              "the published tree links out of the content store and the tree: "
                  + relative
                  + "; not pushed");
        }
      }
      if (Files.isDirectory(file)) {
        throw new IOException(
            "the published tree links to a directory outside the content store: " + relative);
      }
      // Metadata, or a link outside the content store: ship the file itself.
      files++;
      if (fresh) {
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        changed++;
      } else if (!sameFile(file, target)) {
        delete(target);
        Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
        changed++;
      }
      return FileVisitResult.CONTINUE;
    }

    private void copyLink(Path target, Path link) throws IOException {
      links++;
      if (fresh) {
        Files.createSymbolicLink(target, link);
        changed++;
      } else if (!(Files.isSymbolicLink(target) && Files.readSymbolicLink(target).equals(link))) {
        delete(target);
        Files.createSymbolicLink(target, link);
        changed++;
      }
    }
  }

  private static boolean sameFile(Path file, Path copy) throws IOException {
    BasicFileAttributes had;
    try {
      had = Files.readAttributes(copy, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return false;
    }
    BasicFileAttributes is = Files.readAttributes(file, BasicFileAttributes.class);
    if (!had.isRegularFile() || had.size() != is.size()) {
      return false;
    }
    // A publish writes its metadata afresh: same bytes, new time. The copy keeps its older time,
    // which the remote has too, so rsync leaves the file alone.
    return had.lastModifiedTime().equals(is.lastModifiedTime()) || Files.mismatch(file, copy) < 0;
  }

  /** Removes what the published tree no longer has. */
  private static long prune(Path source, Path out) throws IOException {
    long[] removed = {0};
    Files.walkFileTree(
        out,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            if (!dir.equals(out) && gone(dir)) {
              delete(dir);
              removed[0]++;
              return FileVisitResult.SKIP_SUBTREE;
            }
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            if (gone(file)) {
              Files.delete(file);
              removed[0]++;
            }
            return FileVisitResult.CONTINUE;
          }

          private boolean gone(Path entry) {
            return !Files.exists(
                source.resolve(out.relativize(entry).toString()), LinkOption.NOFOLLOW_LINKS);
          }
        });
    return removed[0];
  }

  /** Deletes a file, link or whole directory, if there. */
  static void delete(Path path) throws IOException {
    if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
      try (var entries = Files.list(path)) {
        for (Path entry : (Iterable<Path>) entries::iterator) {
          delete(entry);
        }
      }
    }
    Files.deleteIfExists(path);
  }
}
