package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What Depot publishes for errata and comps loses nothing: every field Pulp keeps, uploaded, is in
 * the published updateinfo and comps, so a mirror that syncs them (through {@link UpdateinfoReader}
 * and {@link CompsReader}) stores the same metadata again.
 */
class ErrataRoundTripTest {
  @TempDir Path dir;

  static Map<String, Object> fullErratum() {
    Map<String, Object> pkg = new LinkedHashMap<>();
    pkg.put("name", "fix-app");
    pkg.put("version", "1.1");
    pkg.put("release", "2.el9");
    pkg.put("epoch", "3");
    pkg.put("arch", "x86_64");
    pkg.put("src", "fix-app-1.1-2.el9.src.rpm");
    pkg.put("filename", "fix-app-1.1-2.el9.x86_64.rpm");
    pkg.put("sum", List.of("sha256", "0123abcd"));
    pkg.put("reboot_suggested", true);
    pkg.put("restart_suggested", true);
    pkg.put("relogin_suggested", true);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", "Critical: fix-app & friends");
    m.put("type", "security");
    m.put("status", "final");
    m.put("version", "2");
    m.put("from", "secalert@example.com");
    m.put("severity", "Critical");
    m.put("summary", "An update for fix-app.");
    m.put("description", "Line one.\nLine <two>.");
    m.put("solution", "Run dnf upgrade.");
    m.put("rights", "Copyright 2026 Example");
    m.put("release", "el9");
    m.put("pushcount", "3");
    m.put("issued", "2026-11-30 10:00:00");
    m.put("updated", "2026-12-01");
    m.put("reboot_suggested", true);
    m.put(
        "references",
        List.of(
            Map.of("href", "https://example.com/b?a=1&b=2", "id", "1", "type", "bugzilla"),
            Map.of("href", "https://example.com/CVE", "id", "CVE-2026-2", "type", "cve")));
    Map<String, Object> module =
        Map.of(
            "name",
            "fix",
            "stream",
            "1.1",
            "version",
            "820261130",
            "context",
            "9edba152",
            "arch",
            "x86_64");
    m.put(
        "pkglist",
        List.of(
            Map.of("name", "EL 9", "short", "el9", "packages", List.of(pkg)),
            Map.of("name", "EL 9 fix:1.1", "module", module, "packages", List.of(pkg))));
    return m;
  }

  static Map<String, Object> fullGroup() {
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("name", "Fix tools");
    g.put("description", "Tools & fixes.");
    g.put("default", true);
    g.put("user_visible", false);
    g.put("display_order", 7);
    g.put("langonly", "de");
    g.put("mandatory_package_names", List.of("fix-app"));
    g.put("default_package_names", List.of("fix-lib"));
    g.put("optional_package_names", List.of("fix-docs", "fix-extra"));
    g.put("conditional_package_names", List.of(List.of("fix-lang-de", "fix-app")));
    g.put("translated_name", Map.of("de", "Reparaturwerkzeuge"));
    g.put("translated_description", Map.of("fr", "Outils."));
    return g;
  }

  @Test
  void everyFieldUploadedIsReadBackFromWhatIsPublished() throws Exception {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    // The packages the errata name are in the repository: an erratum lists no others.
    YumPublishing.addPackage(content, "fix-app", "3", "1.1", "2.el9", "x86_64");
    YumPublishing.addPackage(content, "fix-app", "0", "1.0", "1", "noarch");
    upload(content, "erratum", "FIX-2026:0002", fullErratum());
    Map<String, Object> epochDates = ErrataAndCompsTest.erratum();
    epochDates.put("issued", "1764496800"); // seconds since 1970, as SUSE's updateinfo has them
    upload(content, "erratum", "SUSE-2026-1", epochDates);
    upload(content, "package_group", "fix-tools", fullGroup());
    upload(
        content,
        "package_category",
        "tools",
        Map.of(
            "name",
            "Tools",
            "display_order",
            2,
            "translated_name",
            Map.of("de", "Werkzeuge"),
            "packagegroupids",
            List.of("fix-tools")));
    upload(
        content,
        "package_environment",
        "fixer",
        Map.of(
            "name",
            "Fixer",
            "description",
            "A fixing system.",
            "group_ids",
            List.of("fix-tools"),
            "options",
            List.of(Map.of("group", "fix-tools", "default", true))));

    UploadReport langpacks =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                "package_langpacks",
                Map.of(),
                Map.of(
                    "matches",
                    List.of(
                        Map.of("name", "fix-app", "install", "fix-app-lang-%s"),
                        Map.of("name", "fix-doc", "install", "fix-doc-%s"))),
                null,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(langpacks).as(langpacks.toString()).isInstanceOf(UploadReport.Imported.class);

    Path tree = publish(content);

    Map<String, Map<String, Object>> read = new LinkedHashMap<>();
    try (InputStream in = gunzip(RepodataDocs.data(tree, "updateinfo"))) {
      UpdateinfoReader.forEach(in, a -> read.put(a.id(), ErratumFields.check(a.metadata())));
    }
    try (InputStream in = gunzip(RepodataDocs.data(tree, "group_gz"))) {
      CompsReader.forEach(in, e -> read.put(e.id(), CompsFields.check(e.typeId(), e.metadata())));
    }
    List<String> ids = new ArrayList<>();
    for (Unit unit : content.units()) {
      if (unit.typeId().equals(RpmTypes.RPM)) {
        continue;
      }
      String id = (String) unit.unitKey().get("id");
      ids.add(id);
      assertThat(read.get(id)).as(unit.typeId() + " " + id).isEqualTo(unit.metadata());
    }
    assertThat(read.keySet()).containsExactlyInAnyOrderElementsOf(ids);
  }

  @Test
  void theReadersTakeNoDoctypeEntities() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret"), "s3cret");
    String xml =
        "<?xml version=\"1.0\"?><!DOCTYPE updates [<!ENTITY x SYSTEM \""
            + secret.toUri()
            + "\">]><updates><update type=\"bugfix\"><id>E-1</id><title>&x;</title>"
            + "</update></updates>";
    List<Object> titles = new ArrayList<>();
    try {
      UpdateinfoReader.forEach(
          new java.io.ByteArrayInputStream(xml.getBytes()),
          a -> titles.add(a.metadata().get("title")));
    } catch (java.io.IOException refused) {
      assertThat(refused).hasMessageContaining("updateinfo.xml");
    }
    assertThat(titles.toString()).doesNotContain("s3cret");
  }

  private void upload(InMemoryContent content, String type, String id, Map<String, Object> meta) {
    UploadReport report =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                type,
                Map.of("id", id),
                meta,
                null,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(report).as(report.toString()).isInstanceOf(UploadReport.Imported.class);
  }

  private Path publish(InMemoryContent content) {
    YumDistributor distributor = new YumDistributor();
    distributor.init(
        new Platform(dir.resolve("pub"), URI.create("http://d/"), URI.create("https://d/"), "CA"));
    PublishReport report =
        distributor.publishRepo(
            content.repository(),
            content.publishConduit("web"),
            PluginCallConfiguration.of(Map.of("relative_url", "el9", "http", true)));
    assertThat(report).as(report.toString()).isInstanceOf(PublishReport.Published.class);
    return dir.resolve("pub/http/repos/el9");
  }

  private static InputStream gunzip(Path file) throws Exception {
    return new GZIPInputStream(Files.newInputStream(file));
  }
}
