package dev.depot.publish.rsync;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * A copy of a published tree that works on the remote host: each link into the content store
 * becomes a relative link to the same file in the pushed units directory, so the tree resolves
 * wherever the remote root is; other files (metadata such as {@code PULP_MANIFEST}) are copied with
 * their modification times, so rsync sees them unchanged when they are.
 */
final class RelativeTree {
  private RelativeTree() {}

  /** What a rewrite made. */
  record Made(long links, long files) {}

  /**
   * Writes the rewritten tree.
   *
   * @param published the published tree (a link to it is followed)
   * @param unitsRoot the content store's units root
   * @param treePath where the tree goes below the remote root (relative)
   * @param unitsPath where units go below the remote root (relative)
   * @param out an empty or missing directory to write into
   */
  static Made write(Path published, Path unitsRoot, String treePath, String unitsPath, Path out)
      throws IOException {
    Path source = published.toRealPath();
    Path remoteTree = Path.of(treePath);
    Path remoteUnits = Path.of(unitsPath);
    long[] counts = new long[2];
    Files.createDirectories(out);
    Files.walkFileTree(
        source,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
              throws IOException {
            Files.createDirectories(out.resolve(source.relativize(dir).toString()));
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String relative = source.relativize(file).toString();
            Path target = out.resolve(relative);
            if (attrs.isSymbolicLink()) {
              Path pointsTo = file.getParent().resolve(Files.readSymbolicLink(file)).normalize();
              if (pointsTo.startsWith(unitsRoot)) {
                Path remoteFile = remoteTree.resolve(relative);
                Path from = remoteFile.getParent();
                Path link = from.relativize(remoteUnits.resolve(unitsRoot.relativize(pointsTo)));
                Files.createSymbolicLink(target, link);
                counts[0]++;
                return FileVisitResult.CONTINUE;
              }
            }
            if (Files.isDirectory(file)) {
              throw new IOException(
                  "the published tree links to a directory outside the content store: " + relative);
            }
            // Metadata, or a link outside the content store: ship the file itself.
            Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
            counts[1]++;
            return FileVisitResult.CONTINUE;
          }
        });
    return new Made(counts[0], counts[1]);
  }
}
