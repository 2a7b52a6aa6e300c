package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import dev.depot.plugin.testkit.UnitSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Publishes a test repository with {@code yum_distributor} over HTTP, as the sync tests check. */
final class YumPublishing {
  private YumPublishing() {}

  /**
   * Publishes {@code content} under {@code pub} at {@code relativeUrl}; answers the served tree.
   */
  static Path publish(InMemoryContent content, Path pub, String relativeUrl) {
    YumDistributor distributor = distributor(pub);
    PublishReport published =
        distributor.publishRepo(
            content.repository(),
            content.publishConduit("web"),
            PluginCallConfiguration.of(Map.of("relative_url", relativeUrl, "http", true)));
    assertThat(published).as(published.toString()).isInstanceOf(PublishReport.Published.class);
    return pub.resolve("http/repos/" + relativeUrl);
  }

  /** A yum_distributor publishing under {@code pub}, its trees at {@code <pub>/http/repos/}. */
  static YumDistributor distributor(Path pub) {
    YumDistributor distributor = new YumDistributor();
    distributor.init(new Platform(pub, URI.create("http://d/"), URI.create("https://d/"), "CA"));
    return distributor;
  }

  /**
   * Stores a package unit of this NEVRA in {@code content} as an upload would key it, with minimal
   * primary, filelists and other elements and a few bytes as its file: for tests about what the
   * metadata around packages says (errata, comps), not about the packages.
   */
  static Unit addPackage(
      InMemoryContent content,
      String name,
      String epoch,
      String version,
      String release,
      String arch) {
    String file = name + "-" + version + "-" + release + "." + arch + ".rpm";
    return addPackage(content, name, epoch, version, release, arch, file.hashCode());
  }

  /** As above, a build of its own: another digest (a package signed again, say). */
  static Unit addPackage(
      InMemoryContent content,
      String name,
      String epoch,
      String version,
      String release,
      String arch,
      int build) {
    String file = name + "-" + version + "-" + release + "." + arch + ".rpm";
    String checksum = Integer.toHexString(build);
    Map<String, Object> key = key(name, epoch, version, release, arch, checksum);
    Map<String, Object> repodata =
        Map.of(
            "primary",
            "<package type=\"rpm\"><name>"
                + name
                + "</name><arch>"
                + arch
                + "</arch><version epoch=\""
                + epoch
                + "\" ver=\""
                + version
                + "\" rel=\""
                + release
                + "\"/><location href=\""
                + PackageXml.LOCATION_MARK
                + "\"/></package>\n",
            "filelists",
            "<package pkgid=\"" + checksum + "\" name=\"" + name + "\"/>\n",
            "other",
            "<package pkgid=\"" + checksum + "\" name=\"" + name + "\"/>\n");
    String type = arch.equals("src") ? RpmTypes.SRPM : RpmTypes.RPM;
    return content.add(
        new UnitSpec(type, key, Map.of("filename", file, RpmUnit.REPODATA, repodata), file),
        (file + " " + checksum).getBytes(StandardCharsets.UTF_8));
  }

  /** A package unit's key as an upload makes it, its digest given. */
  static Map<String, Object> key(
      String name, String epoch, String version, String release, String arch, String checksum) {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("name", name);
    key.put("epoch", epoch);
    key.put("version", version);
    key.put("release", release);
    key.put("arch", arch);
    key.put("checksumtype", "sha256");
    key.put("checksum", checksum);
    return key;
  }
}
