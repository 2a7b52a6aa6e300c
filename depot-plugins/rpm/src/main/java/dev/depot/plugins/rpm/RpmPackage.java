package dev.depot.plugins.rpm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What Depot reads of one RPM file: its identity, its descriptive fields, its dependencies, files
 * and changelog as createrepo_c lists them, where its main header lies in the file, and the file's
 * own SHA-256 and size.
 *
 * @param nevra name, epoch, version, release and arch ({@code src} for a source package)
 * @param source whether it is a source package (an {@code srpm})
 * @param text summary, description, vendor, license, packager, group, URL, build host and source
 *     RPM, each empty rather than null
 * @param sizes installed size, archive (uncompressed payload) size and build time
 * @param headerStart the offset of the main header in the file ({@code rpm:header-range start})
 * @param headerEnd the offset just past the main header's store ({@code rpm:header-range end})
 * @param dependencies each kind's entries, in header order
 * @param files every file, directory and ghost the package owns
 * @param changelogs the changelog, oldest first (createrepo_c's order)
 * @param sha256 the whole file's SHA-256, hex
 * @param fileSize the file's size in bytes
 * @param signingKey the long id of the key that signed it ({@code rpm -qi}'s Key ID), if signed
 */
public record RpmPackage(
    Nevra nevra,
    boolean source,
    Map<String, String> text,
    Sizes sizes,
    long headerStart,
    long headerEnd,
    Map<RpmTags.Dependency, List<RpmDependency>> dependencies,
    List<PackageFile> files,
    List<Changelog> changelogs,
    String sha256,
    long fileSize,
    Optional<String> signingKey) {

  /**
   * A package's identity.
   *
   * @param name the package name
   * @param epoch the epoch, {@code 0} when the header has none
   * @param version the version
   * @param release the release
   * @param arch the architecture, {@code src} for a source package
   */
  public record Nevra(String name, String epoch, String version, String release, String arch) {
    /** {@code <name>-<version>-<release>.<arch>.rpm}: the file name Pulp publishes it under. */
    public String fileName() {
      return name + "-" + version + "-" + release + "." + arch + ".rpm";
    }
  }

  /**
   * Sizes and times createrepo_c lists.
   *
   * @param installed the installed size of the files
   * @param archive the uncompressed payload's size
   * @param buildTime the build time, seconds since the epoch
   */
  public record Sizes(long installed, long archive, long buildTime) {}

  /**
   * A path the package owns.
   *
   * @param path the absolute path
   * @param type {@code dir}, {@code ghost} or null for a plain file
   */
  public record PackageFile(String path, String type) {}

  /**
   * One changelog entry.
   *
   * @param author the author line
   * @param date seconds since the epoch
   * @param text the entry's text
   */
  public record Changelog(String author, long date, String text) {}

  /** A text field, empty when the header has none. */
  public String text(String field) {
    return text.getOrDefault(field, "");
  }
}
