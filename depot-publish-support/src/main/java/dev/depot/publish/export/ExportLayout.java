package dev.depot.publish.export;

import dev.depot.plugin.Unit;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How one content type's units are laid out in an export: which files of a unit go where in the
 * tree, and the type's metadata files (for {@code iso}: {@code PULP_MANIFEST}), so that the
 * exported tree is a feed of the type's importer. The generic {@link ExportDistributor} and {@link
 * GroupExportDistributor} do everything else: config, date windows, ISO images and their digests,
 * the atomic web publish, {@code export_dir}, progress and cancel.
 *
 * <p>Pulp has one {@code export_distributor} and one {@code group_export_distributor} for all
 * types, and distributor ids are unique across plugins, so a plugin does not register an export
 * distributor of its own: it contributes its layout as a service, in {@code
 * META-INF/services/dev.depot.publish.export.ExportLayout}, and lists the two generic distributors
 * in its {@code META-INF/services/dev.depot.plugin.Distributor} and {@code
 * dev.depot.plugin.GroupDistributor} files ({@link java.util.ServiceLoader} loads a class named by
 * several plugins once). The export distributors then export every type whose layout is installed,
 * each repository's types side by side in one tree.
 *
 * <p>A layout holds no state: one instance serves many exports at once. Layouts of types that may
 * share a repository must not place files or metadata at the same path.
 */
public interface ExportLayout {
  /** The content type id this layout exports, e.g. {@code iso}. */
  String type();

  /**
   * Every content type this layout exports, {@link #type()} first. Most layouts export one type. A
   * layout whose types share one set of metadata files (RPM's {@code rpm} and {@code srpm} packages
   * in one {@code repodata/}) names them all: its {@link MetadataWriter} then gets the units of
   * every one of them, type by type, and no other layout may name one of them.
   */
  default List<String> types() {
    return List.of(type());
  }

  /**
   * The files of one unit in the export: each with its path relative to the repository's root in
   * the export (checked to stay inside it), the stored file and its size. Most types have one file
   * per unit; a unit without a file answers an empty list.
   */
  List<ExportFile> files(Unit unit);

  /**
   * Opens the writer of the type's metadata files for one repository's part of an export. The
   * exporter hands it every exported unit of the type, in the order they are exported, then calls
   * {@link MetadataWriter#finish()}. The default writes nothing.
   *
   * @param dir an empty scratch directory the metadata files are written in
   */
  default MetadataWriter metadata(Path dir) throws IOException {
    return MetadataWriter.NONE;
  }

  /**
   * One file of a unit, as exported.
   *
   * @param path where it goes, relative to the repository's root in the export
   * @param source the stored file
   * @param size its size in bytes (what the images are planned with)
   */
  record ExportFile(String path, Path source, long size) {
    /** Checks the values. */
    public ExportFile {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(source, "source");
      if (size < 0) {
        throw new IllegalArgumentException("size must not be negative: " + size);
      }
    }

    /**
     * A stored file exported at {@code path}, its size read from the disk: for a type whose units
     * do not record their size.
     *
     * @throws UncheckedIOException when the stored file cannot be read
     */
    public static ExportFile stored(String path, Path source) {
      try {
        return new ExportFile(path, source, Files.size(source));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * Writes one type's metadata files of one repository as its units stream past: memory should hold
   * what one unit needs, never a repository. Closed in every case; closing without {@link
   * #finish()} abandons the files.
   */
  interface MetadataWriter extends Closeable {
    /** Writes nothing: for types without metadata files. */
    MetadataWriter NONE =
        new MetadataWriter() {
          @Override
          public void add(Unit unit, List<ExportFile> files) {}

          @Override
          public List<String> finish() {
            return List.of();
          }

          @Override
          public void close() {}
        };

    /** Takes one exported unit and the files it was exported as. */
    void add(Unit unit, List<ExportFile> files) throws IOException;

    /**
     * Completes the metadata files and answers their paths relative to the writer's directory, in
     * the order they should appear in the export.
     */
    List<String> finish() throws IOException;
  }
}
