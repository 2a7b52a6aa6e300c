package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.plugin.SyncReport;
import dev.depot.plugin.Unit;
import dev.depot.plugin.testkit.InMemoryContent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed that is a kickstart tree (a {@code .treeinfo} beside repodata, as a distribution's {@code
 * BaseOS/x86_64/os/} is) brings a {@code distribution} unit holding its images, each checked
 * against treeinfo's digest, and a publish serves them where installers look.
 */
class YumSyncDistributionTest {
  @TempDir static Path built;
  static List<Path> packages;

  @BeforeAll
  static void build() throws Exception {
    packages = List.of(TestRpms.build(built, "tree-app", "1.0").rpm());
  }

  /** A feed with a productmd treeinfo naming a kernel, an initrd and a stage2 image. */
  static Path treeFeed(Path dir, boolean goodDigests) throws Exception {
    Path feed = YumSyncTest.upstream(dir.resolve("feed"), "gz", packages);
    Map<String, String> images =
        Map.of(
            "images/pxeboot/vmlinuz", "a kernel\n",
            "images/pxeboot/initrd.img", "an initrd\n",
            "images/install.img", "a stage2 image\n");
    StringBuilder checksums = new StringBuilder("[checksums]\n");
    for (var image : images.entrySet()) {
      Path file = feed.resolve(image.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, image.getValue());
      String digest = goodDigests ? sha256(image.getValue()) : sha256("something else");
      checksums.append(image.getKey()).append(" = sha256:").append(digest).append('\n');
    }
    checksums.append("repodata/repomd.xml = sha256:").append(sha256("not checked")).append('\n');
    Files.writeString(
        feed.resolve(".treeinfo"),
        """
        [header]
        type = productmd.treeinfo
        version = 1.2

        [release]
        name = Depot Linux
        short = DL
        version = 9.3

        [tree]
        arch = x86_64
        build_timestamp = 1764900000
        platforms = x86_64
        variants = BaseOS

        [variant-BaseOS]
        id = BaseOS
        packages = Packages
        repository = .

        [images-x86_64]
        kernel = images/pxeboot/vmlinuz
        initrd = images/pxeboot/initrd.img

        [stage2]
        mainimage = images/install.img

        """
            + checksums);
    return feed;
  }

  static String sha256(String text) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void aKickstartTreeIsSyncedAsADistributionAndPublishedWhereInstallersLook(@TempDir Path dir)
      throws Exception {
    Path feed = treeFeed(dir, true);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    Unit tree = distributions(content).getFirst();
    assertThat(tree.unitKey())
        .containsEntry("distribution_id", "ks-Depot Linux-BaseOS-9.3-x86_64")
        .containsEntry("family", "Depot Linux")
        .containsEntry("variant", "BaseOS")
        .containsEntry("version", "9.3")
        .containsEntry("arch", "x86_64");
    assertThat(tree.metadata()).containsEntry("packagedir", "Packages");
    assertThat(DistributionSync.published(tree))
        .containsExactlyInAnyOrder(
            ".treeinfo",
            "images/pxeboot/vmlinuz",
            "images/pxeboot/initrd.img",
            "images/install.img");
    assertThat(YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString())))
        .isInstanceOf(SyncReport.Synced.class);
    assertThat(distributions(content)).hasSize(1);

    Path served = YumPublishing.publish(content, dir.resolve("pub"), "ks");
    assertThat(served.resolve("images/pxeboot/vmlinuz")).hasContent("a kernel");
    assertThat(served.resolve("images/install.img")).hasContent("a stage2 image");
    assertThat(served.resolve(".treeinfo")).hasSameTextualContentAs(feed.resolve(".treeinfo"));
    assertThat(RepodataDocs.packages(RepodataDocs.data(served, "primary")))
        .containsOnlyKeys("tree-app.noarch");
  }

  @Test
  void anImageThatFailsItsDigestFailsTheStepAndNothingIsStored(@TempDir Path dir) throws Exception {
    Path feed = treeFeed(dir, false);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report = YumSyncTest.sync(content, Map.of("feed", feed.toUri().toString()));

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString()).contains("but treeinfo says");
    assertThat(distributions(content)).isEmpty();
    assertThat(dir.resolve("store/content/distribution")).doesNotExist();
    assertThat(YumSyncTest.units(content)).containsExactly("rpm tree-app");
  }

  @Test
  void aTreeRespunUnderTheSameIdReplacesTheHeldOneAtTheNextPublish(@TempDir Path dir)
      throws Exception {
    Path feed = treeFeed(dir, true);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Map<String, Object> config = Map.of("feed", feed.toUri().toString());
    assertThat(YumSyncTest.sync(content, config)).isInstanceOf(SyncReport.Synced.class);
    Path served = YumPublishing.publish(content, dir.resolve("pub"), "ks");
    Path heldTree = distributions(content).getFirst().storagePath();
    // The distribution rebuilds its kernel and adds an EFI image, under the same tree id.
    Files.writeString(feed.resolve("images/pxeboot/vmlinuz"), "a rebuilt kernel\n");
    Files.writeString(feed.resolve("images/efiboot.img"), "an EFI image\n");
    Files.writeString(
        feed.resolve(".treeinfo"),
        Files.readString(feed.resolve(".treeinfo"))
            .replace(sha256("a kernel\n"), sha256("a rebuilt kernel\n"))
            .replace("build_timestamp = 1764900000", "build_timestamp = 1764990000")
            .replace("[stage2]", "efiboot.img = images/efiboot.img\n\n[stage2]"));
    Files.writeString(feed.resolve("images/install.img"), "changed upstream, digest not\n");

    SyncReport report = YumSyncTest.sync(content, config);

    assertThat(report).as(report.toString()).isInstanceOf(SyncReport.Synced.class);
    assertThat(distributions(content)).hasSize(1);
    Unit tree = distributions(content).getFirst();
    assertThat(tree.storagePath()).isNotEqualTo(heldTree);
    // What the old publish serves is untouched until the next publish.
    assertThat(served.resolve("images/pxeboot/vmlinuz")).hasContent("a kernel");
    assertThat(heldTree.resolve("images/pxeboot/vmlinuz")).hasContent("a kernel");
    // An image whose digest treeinfo gives unchanged is taken from the held tree, not fetched.
    assertThat(tree.storagePath().resolve("images/install.img")).hasContent("a stage2 image");

    served = YumPublishing.publish(content, dir.resolve("pub"), "ks");
    assertThat(served.resolve("images/pxeboot/vmlinuz")).hasContent("a rebuilt kernel");
    assertThat(served.resolve("images/efiboot.img")).hasContent("an EFI image");
    assertThat(served.resolve(".treeinfo")).hasSameTextualContentAs(feed.resolve(".treeinfo"));
    assertThat(DistributionSync.published(tree)).contains("images/efiboot.img");

    Path respun = tree.storagePath();
    assertThat(YumSyncTest.sync(content, config)).isInstanceOf(SyncReport.Synced.class);
    assertThat(distributions(content).getFirst().storagePath())
        .as("the same treeinfo again keeps the tree")
        .isEqualTo(respun);
  }

  @Test
  void aRespunTreeWhoseImageFailsItsDigestKeepsTheHeldTree(@TempDir Path dir) throws Exception {
    Path feed = treeFeed(dir, true);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");
    Map<String, Object> config = Map.of("feed", feed.toUri().toString());
    assertThat(YumSyncTest.sync(content, config)).isInstanceOf(SyncReport.Synced.class);
    Unit held = distributions(content).getFirst();
    Files.writeString(
        feed.resolve(".treeinfo"),
        Files.readString(feed.resolve(".treeinfo"))
            .replace(sha256("a kernel\n"), sha256("a kernel never served\n")));

    SyncReport report = YumSyncTest.sync(content, config);

    assertThat(report).isInstanceOf(SyncReport.Failed.class);
    assertThat(report.toString()).contains("images/pxeboot/vmlinuz", "but treeinfo says");
    assertThat(distributions(content)).containsExactly(held);
    assertThat(held.storagePath().resolve("images/pxeboot/vmlinuz")).hasContent("a kernel");
  }

  @Test
  void skipLeavesTheTreeOut(@TempDir Path dir) throws Exception {
    Path feed = treeFeed(dir, true);
    InMemoryContent content = InMemoryContent.under(dir.resolve("store"), "mirror");

    SyncReport report =
        YumSyncTest.sync(
            content, Map.of("feed", feed.toUri().toString(), "skip", List.of("distribution")));

    assertThat(report).isInstanceOf(SyncReport.Synced.class);
    assertThat(distributions(content)).isEmpty();
  }

  @Test
  void treeinfoPathsLeavingTheTreeOrHidingAreRefused() throws Exception {
    String head = "[general]\nfamily = F\nversion = 1\narch = x86_64\n[images-x86_64]\n";
    for (String bad : List.of("../../etc/passwd", "/etc/passwd", "images/../../x", ".hidden")) {
      assertThatThrownBy(() -> TreeInfo.parse(head + "kernel = " + bad + "\n"))
          .as(bad)
          .hasMessageContaining("outside the tree or hidden");
    }
    assertThatThrownBy(() -> TreeInfo.parse("[general]\nfamily = F\n"))
        .hasMessageContaining("needs family, version and arch");
    TreeInfo old =
        TreeInfo.parse(
            head
                + "kernel = images/pxeboot/vmlinuz\n[general]\nvariant = Server\n"
                + "packagedir = Server\n[checksums]\nServer/a.rpm = sha256:00\n");
    assertThat(old.distributionId()).isEqualTo("ks-F-Server-1-x86_64");
    assertThat(old.files()).containsExactly("images/pxeboot/vmlinuz");
  }

  private static List<Unit> distributions(InMemoryContent content) {
    return content.units().stream().filter(u -> u.typeId().equals(RpmTypes.DISTRIBUTION)).toList();
  }
}
