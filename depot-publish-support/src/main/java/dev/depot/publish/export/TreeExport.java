package dev.depot.publish.export;

import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.publish.tree.RootedFiles;
import dev.depot.publish.tree.TreePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * {@code export_dir}: the plain files and each type's metadata, copied there (for media). Every
 * file lands by an atomic rename of a copy beside it, so a reader of the directory sees whole files
 * only; no link found in the directory is ever written through.
 */
final class TreeExport {
  private TreeExport() {}

  static PublishReport run(ExportJob job, Path dir) throws IOException {
    long files = 0;
    long metadataFiles = 0;
    for (ExportSection section : job.sections) {
      Path root = section.dirIn(dir);
      // A section directory that is a link to elsewhere is never written through.
      RootedFiles.createDirectoriesInside(dir, root);
      long[] count = {0};
      Map<String, Path> metadata =
          job.exportSection(
              section,
              file -> {
                copy(file.source(), root, file.path());
                count[0]++;
                written(job, file.size());
              });
      for (Map.Entry<String, Path> file : metadata.entrySet()) {
        copy(file.getValue(), root, file.getKey());
        written(job, Files.size(file.getValue()));
      }
      files += count[0];
      metadataFiles += metadata.size();
    }
    job.progress.put("export_dir", dir.toString());
    job.progress.put("files", files);
    job.progress.put("metadata_files", metadataFiles);
    // Media, not a served tree: a consumer of the location reads the directory itself.
    return job.complete(List.of(new PublishedLocation("file", dir.toString(), dir)));
  }

  private static void written(ExportJob job, long bytes) {
    job.progress.put("bytes_written", (long) job.progress.get("bytes_written") + bytes);
    job.report(); // throttled by the task's own store
  }

  /** Copies {@code source} to {@code relative} below {@code root}, renamed into place at once. */
  private static void copy(Path source, Path root, String relative) throws IOException {
    Path target = TreePaths.resolveInside(root, relative);
    // A directory of the export that is a link to elsewhere is never written through, nor are
    // directories created through it.
    RootedFiles.createDirectoriesInside(root, target.getParent());
    // A link planted at the temporary name is replaced, never written through.
    Path temp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.copy(source, temp, StandardCopyOption.REPLACE_EXISTING);
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
