package dev.depot.plugins.rpm;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.PublishContract;
import dev.depot.plugin.testkit.UnitSpec;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** yum_distributor keeps the behaviour contract every served-tree distributor keeps. */
class YumDistributorContractTest implements PublishContract {
  @Override
  public Distributor newDistributor() {
    return new YumDistributor();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("relative_url", "contract/el", "http", true, "https", true);
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return Map.ofEntries(
        Map.entry("relative_url", Map.of("http", true)), // required, as in Pulp
        Map.entry("http", Map.of("relative_url", "r", "http", "sometimes")),
        Map.entry("generate_sqlite", Map.of("relative_url", "r", "generate_sqlite", true)),
        Map.entry("checksum_type", Map.of("relative_url", "r", "checksum_type", "sha1")),
        Map.entry("skip", Map.of("relative_url", "r", "skip", List.of("rpm", "iso"))),
        Map.entry("gpgkey", Map.of("relative_url", "r", "gpgkey", "not a key")),
        Map.entry("force_full", Map.of("relative_url", "r", "force_full", "sometimes")),
        Map.entry("remove_old_repodata", Map.of("relative_url", "r", "remove_old_repodata", "x")),
        Map.entry(
            "remove_old_repodata_threshold",
            Map.of("relative_url", "r", "remove_old_repodata_threshold", -1)),
        Map.entry("serve_http", Map.of("relative_url", "r", "serve_http", true))); // not yum's
  }

  /**
   * A package {@code <name>-1.0-1.noarch} whose file holds {@code content}, with stored repodata as
   * an upload makes it (abridged: the contract looks at files, not metadata).
   */
  @Override
  public UnitSpec unitFor(String name, byte[] content) {
    String clean = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "-");
    String sha256 = sha256(content);
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("name", clean);
    key.put("epoch", "0");
    key.put("version", "1.0");
    key.put("release", "1");
    key.put("arch", "noarch");
    key.put("checksumtype", "sha256");
    key.put("checksum", sha256);
    String fileName = clean + "-1.0-1.noarch.rpm";
    String version = "<version epoch=\"0\" ver=\"1.0\" rel=\"1\"/>";
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("filename", fileName);
    metadata.put(
        RpmUnit.REPODATA,
        Map.of(
            "primary",
            "<package type=\"rpm\"><name>"
                + clean
                + "</name><arch>noarch</arch>"
                + version
                + "<location href=\""
                + PackageXml.LOCATION_MARK
                + "\"/></package>\n",
            "filelists",
            "<package pkgid=\""
                + sha256
                + "\" name=\""
                + clean
                + "\" arch=\"noarch\">"
                + version
                + "</package>\n",
            "other",
            "<package pkgid=\""
                + sha256
                + "\" name=\""
                + clean
                + "\" arch=\"noarch\">"
                + version
                + "</package>\n"));
    return new UnitSpec(RpmTypes.RPM, key, metadata, fileName);
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
