package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.testkit.InMemoryContent;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

/**
 * Errata and comps uploaded as JSON (Pulp's upload API without a file): checked field by field,
 * then published as updateinfo and comps beside the packages' metadata.
 */
class ErrataAndCompsTest {
  @TempDir Path dir;

  static Map<String, Object> erratum(String... packageFieldsLeftOut) {
    Map<String, Object> pkg = new LinkedHashMap<>();
    pkg.put("name", "fix-app");
    pkg.put("version", "1.0");
    pkg.put("release", "1");
    pkg.put("arch", "noarch");
    pkg.put("filename", "fix-app-1.0-1.noarch.rpm");
    pkg.put("src", "fix-app-1.0-1.src.rpm");
    for (String field : packageFieldsLeftOut) {
      pkg.remove(field);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("title", "Important: fix-app security update");
    m.put("type", "security");
    m.put("severity", "Important");
    m.put("issued", "2026-11-30 00:00:00");
    m.put("description", "Fixes <CVE-2026-0001> & more.");
    m.put(
        "references",
        List.of(
            Map.of(
                "href",
                "https://example.com/CVE-2026-0001",
                "id",
                "CVE-2026-0001",
                "type",
                "cve",
                "title",
                "CVE-2026-0001")));
    m.put("pkglist", List.of(Map.of("name", "el9", "short", "el9", "packages", List.of(pkg))));
    return m;
  }

  private UploadReport upload(
      InMemoryContent content, String type, Map<String, Object> key, Map<String, Object> metadata) {
    return new YumImporter()
        .uploadUnit(
            content.repository(),
            type,
            key,
            metadata,
            null,
            content.uploadConduit(),
            PluginCallConfiguration.of(Map.of()));
  }

  @Test
  void errataAndCompsArePublishedAsUpdateinfoAndComps() throws Exception {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    YumPublishing.addPackage(content, "fix-app", "0", "1.0", "1", "noarch");
    assertThat(upload(content, "erratum", Map.of("id", "DEPOT-2026:0001"), erratum()))
        .isInstanceOf(UploadReport.Imported.class);
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("name", "Fix tools");
    group.put("mandatory_package_names", List.of("fix-app"));
    group.put("conditional_package_names", List.of(List.of("fix-lang", "fix-app")));
    group.put("translated_name", Map.of("de", "Reparaturwerkzeuge"));
    assertThat(upload(content, "package_group", Map.of("id", "fix-tools"), group))
        .isInstanceOf(UploadReport.Imported.class);
    assertThat(
            upload(
                content,
                "package_category",
                Map.of("id", "tools"),
                Map.of("name", "Tools", "packagegroupids", List.of("fix-tools"))))
        .isInstanceOf(UploadReport.Imported.class);
    assertThat(content.units()).hasSize(4);
    assertThat(content.units().get(2).unitKey()).containsEntry("repo_id", "el9");

    YumDistributor distributor = new YumDistributor();
    distributor.init(
        new Platform(dir.resolve("pub"), URI.create("http://d/"), URI.create("https://d/"), "CA"));
    PublishReport report =
        distributor.publishRepo(
            content.repository(),
            content.publishConduit("web"),
            PluginCallConfiguration.of(Map.of("relative_url", "el9", "http", true)));
    assertThat(report).as(report.toString()).isInstanceOf(PublishReport.Published.class);
    Path tree = dir.resolve("pub/http/repos/el9");

    var updateinfo = RepodataDocs.parse(RepodataDocs.data(tree, "updateinfo")).getDocumentElement();
    assertThat(updateinfo.getTagName()).isEqualTo("updates");
    Element update = (Element) updateinfo.getElementsByTagName("update").item(0);
    assertThat(update.getAttribute("type")).isEqualTo("security");
    assertThat(update.getElementsByTagName("id").item(0).getTextContent())
        .isEqualTo("DEPOT-2026:0001");
    assertThat(update.getElementsByTagName("description").item(0).getTextContent())
        .isEqualTo("Fixes <CVE-2026-0001> & more.");
    Element pkg = (Element) update.getElementsByTagName("package").item(0);
    assertThat(pkg.getAttribute("epoch")).isEqualTo("0");
    assertThat(pkg.getElementsByTagName("filename").item(0).getTextContent())
        .isEqualTo("fix-app-1.0-1.noarch.rpm");

    Path plain = RepodataDocs.data(tree, "group");
    assertThat(plain.getFileName().toString()).endsWith("-comps.xml");
    var comps = RepodataDocs.parse(plain).getDocumentElement();
    assertThat(comps.getElementsByTagName("group").getLength()).isEqualTo(1);
    assertThat(
            comps
                .getElementsByTagName("packagereq")
                .item(1)
                .getAttributes()
                .getNamedItem("requires")
                .getNodeValue())
        .isEqualTo("fix-app");
    assertThat(comps.getElementsByTagName("category").getLength()).isEqualTo(1);
    assertThat(Files.readString(plain)).contains("<name xml:lang=\"de\">Reparaturwerkzeuge</name>");
    assertThat(RepodataDocs.packages(RepodataDocs.data(tree, "group_gz"))).isEmpty();
  }

  @Test
  void aBadFieldIsRefusedByNameAndNothingIsStored() {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    Map<String, Object> noArch = erratum("arch");
    Map<String, Object> badDate = erratum();
    badDate.put("issued", "last tuesday");
    Map<String, Object> misspelt = erratum();
    misspelt.put("severty", "Critical");
    Map<String, Object> misspeltInside = erratum("arch");
    @SuppressWarnings("unchecked")
    Map<String, Object> pkg =
        (Map<String, Object>)
            ((List<?>)
                    ((Map<?, ?>) ((List<?>) misspeltInside.get("pkglist")).get(0)).get("packages"))
                .get(0);
    pkg.put("arch", "noarch");
    pkg.put("archh", "x86_64");
    Map<String, Object> pulpsOwn = erratum();
    pulpsOwn.put("_id", "5f0c");
    pulpsOwn.put("restart_suggested", false); // Pulp's erratum model has it beside pkglist's
    Map<String, Object> unheardOf = erratum();
    unheardOf.put("colour", "blue");

    assertThat(upload(content, "erratum", Map.of("id", "E-1"), noArch).toString())
        .contains("pkglist[0].packages[0].arch is missing");
    assertThat(upload(content, "erratum", Map.of("id", "E-1"), badDate).toString())
        .contains("issued must be a date");
    // Misspelt, a field would be dropped while the upload said the erratum was added.
    assertThat(upload(content, "erratum", Map.of("id", "E-1"), misspelt).toString())
        .contains("severty is not a field of this unit: did you mean severity?");
    assertThat(upload(content, "erratum", Map.of("id", "E-1"), misspeltInside).toString())
        .contains("pkglist[0].packages[0].archh is not a field of this unit");
    // An optional field not given is known too: the hint named only the fields present.
    assertThat(
            upload(
                    content,
                    "erratum",
                    Map.of("id", "E-1"),
                    Map.of("title", "T", "type", "bugfix", "severty", "Low"))
                .toString())
        .contains("severty is not a field of this unit: did you mean severity?");
    assertThat(
            upload(
                    content,
                    "package_group",
                    Map.of("id", "g"),
                    Map.of("name", "G", "descripton", "d"))
                .toString())
        .contains("descripton is not a field of this unit: did you mean description?");
    assertThat(
            upload(content, "package_category", Map.of("id", "c"), Map.of("name", "C", "x", 1))
                .toString())
        .contains("known here: name, description, display_order");
    assertThat(
            upload(content, "package_group", Map.of("id", "g"), Map.of("name", "G", "nmae", "x"))
                .toString())
        .contains("nmae is not a field of this unit");
    assertThat(upload(content, "erratum", Map.of("id", "../x"), erratum()).toString())
        .contains("unit_key id");
    assertThat(upload(content, "erratum", Map.of(), erratum()).toString())
        .contains("unit_key id is required")
        .contains("--key id=ID")
        .doesNotContain("got null");
    assertThat(upload(content, "package_group", Map.of("id", "g"), Map.of()).toString())
        .contains("name is missing");
    assertThat(
            upload(
                    content,
                    "package_group",
                    Map.of("id", "g", "repo_id", "other"),
                    Map.of("name", "G"))
                .toString())
        .contains("repo_id other is not this repository");
    assertThat(
            upload(
                    content,
                    "package_group",
                    Map.of("id", "g"),
                    Map.of("name", "G", "translated_name", Map.of("de", List.of("x"))))
                .toString())
        .contains("translated_name.de must be text under a language code");
    assertThat(
            upload(
                    content,
                    "package_langpacks",
                    Map.of(),
                    Map.of("matches", List.of(Map.of("name", "fix-app"))))
                .toString())
        .contains("matches[0].install is missing");
    assertThat(
            upload(
                    content,
                    "package_langpacks",
                    Map.of("id", "x"),
                    Map.of("matches", List.of(Map.of("name", "a", "install", "a-%s"))))
                .toString())
        .contains("unit_key of the langpacks is this repository's id alone");
    assertThat(content.units()).isEmpty();
    // Pulp's own fields (an erratum exported from Pulp) are not the user's misspellings.
    assertThat(upload(content, "erratum", Map.of("id", "E-8"), unheardOf).toString())
        .contains("colour is not a field of this unit; known here: title, type");
    assertThat(upload(content, "erratum", Map.of("id", "E-9"), pulpsOwn).toString())
        .doesNotContain("not a field");
  }

  @Test
  void aDateNoCalendarHasOrAnEpochThatIsNoNumberIsRefused() {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    Map<String, Object> thirteenthMonth = erratum();
    thirteenthMonth.put("issued", "2026-13-45");
    Map<String, Object> februaryThirtieth = erratum();
    februaryThirtieth.put("updated", "2026-02-30 10:00:00");
    Map<String, Object> twentyFifthHour = erratum();
    twentyFifthHour.put("issued", "2026-11-30 25:61:00");
    Map<String, Object> wordEpoch = erratum();
    @SuppressWarnings("unchecked")
    Map<String, Object> pkg =
        (Map<String, Object>)
            ((List<?>) ((Map<?, ?>) ((List<?>) wordEpoch.get("pkglist")).get(0)).get("packages"))
                .get(0);
    pkg.put("epoch", "abc");

    // dnf showed the first as issued in 1970 and the second as of March 2; the package of the
    // last matched none of the repository's, so the published advisory listed nothing.
    assertThat(upload(content, "erratum", Map.of("id", "E-1"), thirteenthMonth).toString())
        .contains("issued must be a date")
        .contains("2026-13-45");
    assertThat(upload(content, "erratum", Map.of("id", "E-2"), februaryThirtieth).toString())
        .contains("updated must be a date");
    assertThat(upload(content, "erratum", Map.of("id", "E-3"), twentyFifthHour).toString())
        .contains("issued must be a date");
    assertThat(upload(content, "erratum", Map.of("id", "E-4"), wordEpoch).toString())
        .contains("pkglist[0].packages[0].epoch must be a whole number");
    assertThat(content.units()).isEmpty();

    Map<String, Object> leapDay = erratum();
    leapDay.put("issued", "2028-02-29 23:59");
    leapDay.put("updated", "1764460800");
    assertThat(upload(content, "erratum", Map.of("id", "E-5"), leapDay))
        .isInstanceOf(UploadReport.Imported.class);
  }

  @Test
  void anUpdateinfoOrCompsFileUploadedAsTheUnitIsToldToComeAsJson() throws Exception {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    Path updateinfo = Files.writeString(dir.resolve("updateinfo.xml"), "<updates></updates>\n");
    Path empty = Files.createFile(dir.resolve("empty"));

    // It was refused for its missing id ("unit_key id ... got null"), as if the key were forgotten.
    UploadReport file =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                "erratum",
                Map.of(),
                Map.of(),
                updateinfo,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(file).isInstanceOf(UploadReport.Refused.class);
    assertThat(file.toString())
        .contains("erratum is uploaded as JSON, not as a file")
        .contains("depot repo upload-unit REPO --type erratum --key id=ID");
    // An empty upload is how a Pulp client sends no file: the JSON is taken.
    UploadReport none =
        new YumImporter()
            .uploadUnit(
                content.repository(),
                "erratum",
                Map.of("id", "E-1"),
                erratum(),
                empty,
                content.uploadConduit(),
                PluginCallConfiguration.of(Map.of()));
    assertThat(none).isInstanceOf(UploadReport.Imported.class);
  }

  @Test
  void anErratumUploadedAgainIsRefusedUnlessItIsALaterEdition() {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    assertThat(upload(content, "erratum", Map.of("id", "E-2"), erratum()))
        .isInstanceOf(UploadReport.Imported.class);
    assertThat(upload(content, "erratum", Map.of("id", "E-2"), erratum()))
        .isInstanceOf(UploadReport.Imported.class); // the same again: fine, idempotent
    Map<String, Object> changed = erratum();
    changed.put("title", "Changed");
    assertThat(upload(content, "erratum", Map.of("id", "E-2"), changed).toString())
        .contains("exists already with other content", "a later edition");
    assertThat(content.units().getFirst().metadata())
        .containsEntry("title", "Important: fix-app security update");

    changed.put("updated", "2026-12-01 00:00:00");
    assertThat(upload(content, "erratum", Map.of("id", "E-2"), changed))
        .isInstanceOf(UploadReport.Imported.class);
    assertThat(content.units()).singleElement();
    assertThat(content.units().getFirst().metadata())
        .containsEntry("title", "Changed")
        .containsEntry("updated", "2026-12-01 00:00:00");
  }

  @Test
  void aGroupUploadedAgainWithOtherContentReplacesTheRepositorysOwn() {
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "el9");
    upload(content, "package_group", Map.of("id", "tools"), Map.of("name", "Tools"));

    assertThat(
            upload(
                content,
                "package_group",
                Map.of("id", "tools"),
                Map.of("name", "Tools", "mandatory_package_names", List.of("fix-app"))))
        .isInstanceOf(UploadReport.Imported.class);

    assertThat(content.units()).singleElement();
    assertThat(content.units().getFirst().metadata())
        .containsEntry("mandatory_package_names", List.of("fix-app"));
  }
}
