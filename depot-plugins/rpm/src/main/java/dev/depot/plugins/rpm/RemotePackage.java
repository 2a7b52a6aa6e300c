package dev.depot.plugins.rpm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A package as a feed's primary.xml lists it: enough to key it, find its file and check it once
 * downloaded. Its dependencies and files are read from the package itself, as for an upload.
 *
 * @param name the package name
 * @param epoch its epoch ({@code 0} when primary gives none)
 * @param version its version
 * @param release its release
 * @param arch its architecture; {@code src} for a source package
 * @param checksumType the digest primary gives ({@code sha256}, {@code sha}, ...), keyed as {@link
 *     PackageDigest} names it
 * @param checksum that digest in hex
 * @param href where the file is, relative to the repository's top directory
 * @param size the file's size in bytes, or -1 when not given
 * @param fileTime the {@code time file} primary gives, kept so a republish writes the same
 * @param xmlBase the location's {@code xml:base}, or null
 */
record RemotePackage(
    String name,
    String epoch,
    String version,
    String release,
    String arch,
    String checksumType,
    String checksum,
    String href,
    long size,
    long fileTime,
    String xmlBase) {
  /** {@code srpm} for a source package, else {@code rpm}. */
  String typeId() {
    return "src".equals(arch) ? RpmTypes.SRPM : RpmTypes.RPM;
  }

  /** The unit key, as an upload of the same file would make it. */
  Map<String, Object> unitKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("name", name);
    key.put("epoch", epoch);
    key.put("version", version);
    key.put("release", release);
    key.put("arch", arch);
    key.put("checksumtype", PackageDigest.keyType(checksumType));
    key.put("checksum", checksum);
    return key;
  }

  /**
   * {@code <name>-<version>-<release>.<arch>.rpm}, the name Depot stores and publishes it under.
   */
  String fileName() {
    return new RpmPackage.Nevra(name, epoch, version, release, arch).fileName();
  }

  /** The NEVRA as people write it, for reports. */
  String nevra() {
    return name
        + "-"
        + ("0".equals(epoch) ? "" : epoch + ":")
        + version
        + "-"
        + release
        + "."
        + arch;
  }
}
