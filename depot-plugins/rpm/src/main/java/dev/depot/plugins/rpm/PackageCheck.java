package dev.depot.plugins.rpm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A synced package read as an upload is: its headers must be sound and name the package primary
 * listed, its digest must be primary's (whatever {@code validate} says), and its unit's metadata
 * (with its repodata) is rendered from them.
 */
final class PackageCheck {
  private PackageCheck() {}

  /**
   * The unit metadata of the downloaded {@code file}, which primary listed as {@code listed}.
   *
   * @throws IOException naming what is wrong: not an RPM, or another package than listed
   */
  static Map<String, Object> metadata(Path file, RemotePackage listed, SignaturePolicy signatures)
      throws IOException {
    RpmPackage p;
    try {
      p = RpmReader.read(file);
    } catch (InvalidRpmException e) {
      throw new IOException(e.getMessage(), e);
    }
    String refusal = signatures.refusal(p);
    if (refusal != null) {
      throw new IOException(refusal + ": not stored");
    }
    Map<String, Object> key = new LinkedHashMap<>(RpmUnit.key(p));
    String type = PackageDigest.keyType(listed.checksumType());
    if (!type.equals("sha256")) { // keyed by the feed's digest, checked here even without validate
      key.put("checksumtype", type);
      key.put("checksum", PackageDigest.of(file, type));
    }
    Map<String, Object> expected = listed.unitKey();
    if (RpmUnit.typeOf(p).equals(listed.typeId())
        && withoutDigest(key).equals(withoutDigest(expected))
        && !key.equals(expected)) {
      throw new IOException(
          "its "
              + type
              + " is "
              + key.get("checksum")
              + " but primary.xml says "
              + expected.get("checksum")
              + ": not stored");
    }
    if (!key.equals(expected) || !RpmUnit.typeOf(p).equals(listed.typeId())) {
      throw new IOException(
          "its headers say "
              + p.nevra().fileName()
              + " but primary.xml lists "
              + listed.nevra()
              + ": not stored");
    }
    long fileTime =
        listed.fileTime() > 0
            ? listed.fileTime()
            : Files.getLastModifiedTime(file).toMillis() / 1000;
    return RpmUnit.metadata(p, fileTime);
  }

  private static Map<String, Object> withoutDigest(Map<String, Object> key) {
    Map<String, Object> nevra = new LinkedHashMap<>(key);
    nevra.remove("checksum");
    return nevra;
  }
}
