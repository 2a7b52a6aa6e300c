package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which kinds of a distribution's repomd.xml a yum sync reports as not brought. */
class RepomdTypesTest {
  @Test
  void aFedoraStyleRepomdLeavesOnlyPerPackageKindsUnsyncedAndCarriesTheRest() {
    List<String> fedora =
        List.of(
            "primary",
            "filelists",
            "other",
            "primary_db",
            "filelists_db",
            "other_db",
            "primary_zck",
            "filelists_zck",
            "other_zck",
            "group",
            "group_gz",
            "group_zck",
            "updateinfo",
            "updateinfo_zck",
            "modules",
            "prestodelta",
            "filelists_ext",
            "productid",
            "appstream",
            "appstream_zck");

    assertThat(RepomdTypes.notSynced(fedora, true)).containsExactly("prestodelta", "filelists_ext");
    assertThat(RepomdTypes.carried(fedora)).containsExactly("productid", "appstream");
    assertThat(RepomdTypes.notSynced(fedora, false))
        .containsExactly("prestodelta", "filelists_ext", "productid", "appstream", "appstream_zck");
  }

  @Test
  void compsCompressedOtherwiseThanGzipIsReadAsCompsNotCarriedAsAFile(@TempDir Path dir)
      throws Exception {
    // createrepo_c --general-compress-type=xz lists its compressed comps as group_xz.
    List<String> xz = List.of("primary", "filelists", "other", "group", "group_xz", "updateinfo");

    assertThat(RepomdTypes.carried(xz)).isEmpty();
    assertThat(RepomdTypes.notSynced(xz, true)).isEmpty();
    StringBuilder xml = new StringBuilder("<repomd>");
    for (String type : xz) {
      xml.append("<data type=\"%s\"><checksum type=\"sha256\">00</checksum>".formatted(type))
          .append("<location href=\"repodata/%s.xml\"/></data>".formatted(type));
    }
    RemoteRepomd repomd =
        RemoteRepomd.read(Files.writeString(dir.resolve("repomd.xml"), xml + "</repomd>"));
    assertThat(RepomdTypes.recordFor(repomd, RepomdTypes.Step.COMPS).orElseThrow().type())
        .isEqualTo("group_xz");
  }
}
