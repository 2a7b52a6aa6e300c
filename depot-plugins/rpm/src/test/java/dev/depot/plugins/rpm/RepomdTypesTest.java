package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

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
}
