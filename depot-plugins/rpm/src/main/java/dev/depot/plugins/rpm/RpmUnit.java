package dev.depot.plugins.rpm;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A read package as a unit's key and metadata. The metadata holds, under {@code repodata}, the
 * package's primary, filelists and other elements (Pulp 2 kept them the same way), so that a
 * publish writes the repository's metadata from the units alone.
 */
final class RpmUnit {
  /** The metadata field holding the rendered XML elements. */
  static final String REPODATA = "repodata";

  private RpmUnit() {}

  /** The type the package is: {@code srpm} for a source package, else {@code rpm}. */
  static String typeOf(RpmPackage p) {
    return p.source() ? RpmTypes.SRPM : RpmTypes.RPM;
  }

  static Map<String, Object> key(RpmPackage p) {
    RpmPackage.Nevra n = p.nevra();
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("name", n.name());
    key.put("epoch", n.epoch());
    key.put("version", n.version());
    key.put("release", n.release());
    key.put("arch", n.arch());
    key.put("checksumtype", "sha256");
    key.put("checksum", p.sha256());
    return key;
  }

  /** Pulp's descriptive fields plus the rendered repodata; {@code fileTime} for primary. */
  static Map<String, Object> metadata(RpmPackage p, long fileTime) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("filename", p.nevra().fileName());
    m.put("size", p.fileSize());
    m.put("time", fileTime);
    m.put("buildtime", p.sizes().buildTime());
    // Pulp's field: the short key id (rpm -qi's last 8 digits); absent when unsigned.
    p.signingKey().ifPresent(key -> m.put("signing_key", SignatureKeys.shortId(key)));
    for (String field : new String[] {"summary", "description", "license", "vendor", "sourcerpm"}) {
      m.put(field, p.text(field));
    }
    m.put(
        REPODATA,
        Map.of(
            "primary", PackageXml.primary(p, fileTime),
            "filelists", PackageXml.filelists(p),
            "other", PackageXml.other(p)));
    return m;
  }

  /**
   * A package's type and NEVRA ({@code rpm name-0:1.0-1.noarch}, epoch 0 when empty): what a
   * repository lists once, whatever the build.
   */
  static String nevra(String typeId, Map<String, Object> key) {
    Object epoch = key.get("epoch");
    return typeId
        + " "
        + key.get("name")
        + "-"
        + (epoch == null || epoch.toString().isEmpty() ? "0" : epoch)
        + ":"
        + key.get("version")
        + "-"
        + key.get("release")
        + "."
        + key.get("arch");
  }
}
