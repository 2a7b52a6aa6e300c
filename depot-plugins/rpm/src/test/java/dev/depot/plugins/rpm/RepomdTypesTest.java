package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which kinds of a distribution's repomd.xml a yum sync reports as not brought. */
class RepomdTypesTest {
  @Test
  void aFedoraStyleRepomdLeavesOnlyDeltasAndExtendedFilelistsUnsynced() {
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
            "filelists_ext");

    assertThat(RepomdTypes.notSynced(fedora)).containsExactly("prestodelta", "filelists_ext");
  }
}
