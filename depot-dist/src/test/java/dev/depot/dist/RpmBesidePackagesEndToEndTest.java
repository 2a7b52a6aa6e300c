package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/**
 * A feed's product id (added by modifyrepo_c, as Red Hat's CDN repositories carry one) travels with
 * the repository: a mirror's publish serves it over HTTP as repomd.xml lists it, a second Depot
 * mirroring that publish has it too, and an export for an air-gapped site carries it. So does a
 * kickstart tree, respun upstream under the same id as rolling distributions do.
 */
class RpmBesidePackagesEndToEndTest extends CliServerTest {
  private static final Pattern PRODUCTID =
      Pattern.compile("<data type=\"productid\">.*?<location href=\"([^\"]+)\"", Pattern.DOTALL);

  @Test
  void aProductIdAndAKickstartTreeAreMirroredPublishedMirroredAgainAndExported() throws Exception {
    Path built = Files.createDirectories(dir.resolve("built"));
    Path feed = Files.createDirectories(dir.resolve("feed"));
    Files.copy(TestRpms.build(built, "cdn-app", "1.0").rpm(), feed.resolve("cdn-app.rpm"));
    TestRpms.run(dir, List.of("createrepo_c", "-q", "--no-database", feed.toString()));
    Path productid = Files.writeString(dir.resolve("productid"), "-----BEGIN CERTIFICATE-----\n");
    TestRpms.run(
        dir,
        List.of("modifyrepo_c", "--mdtype=productid", productid.toString(), feed + "/repodata"));
    Files.createDirectories(feed.resolve("images/pxeboot"));
    Files.writeString(feed.resolve("images/pxeboot/vmlinuz"), "a kernel\n");
    Files.writeString(
        feed.resolve(".treeinfo"),
        "[general]\nfamily = CDN Linux\nvariant = BaseOS\nversion = 9\narch = x86_64\n"
            + "packagedir = Packages\n[images-x86_64]\nkernel = images/pxeboot/vmlinuz\n");
    String base = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/";
    Path media = Files.createDirectories(dir.resolve("media"));
    mirror(
        "cdn",
        feed.toUri().toString(),
        "--distributor",
        "export_distributor:media",
        "--distributor-option",
        "media.export_dir=" + media,
        "--distributor-option",
        "media.http=false",
        "--distributor-option",
        "media.https=false");

    server.succeed("repo", "sync", "cdn");
    server.succeed("repo", "publish", "cdn", "--distributor", "web");

    assertThat(server.succeed("repo", "units", "cdn", "--type", "yum_repo_metadata_file").out())
        .contains("productid");
    assertThat(servedProductId(base + "cdn/")).isEqualTo("-----BEGIN CERTIFICATE-----\n");
    assertThat(server.succeed("repo", "units", "cdn", "--type", "distribution").out())
        .contains("ks-CDN Linux-BaseOS-9-x86_64");
    assertThat(Curl.run(base + "cdn/images/pxeboot/vmlinuz").text()).isEqualTo("a kernel\n");

    mirror("far", base + "cdn/");
    server.succeed("repo", "sync", "far");
    server.succeed("repo", "publish", "far", "--distributor", "web");
    assertThat(servedProductId(base + "far/")).isEqualTo("-----BEGIN CERTIFICATE-----\n");
    assertThat(Curl.run(base + "far/.treeinfo").text()).contains("family = CDN Linux");
    assertThat(Curl.run(base + "far/images/pxeboot/vmlinuz").text()).isEqualTo("a kernel\n");

    // The distribution respins the tree's kernel under the same tree id.
    Files.writeString(feed.resolve("images/pxeboot/vmlinuz"), "a rebuilt kernel\n");
    Files.writeString(
        feed.resolve(".treeinfo"),
        Files.readString(feed.resolve(".treeinfo"))
            .replace("arch = x86_64\n", "arch = x86_64\ntimestamp = 1764990000\n"));
    server.succeed("repo", "sync", "cdn");
    assertThat(Curl.run(base + "cdn/images/pxeboot/vmlinuz").text())
        .as("served as published until the next publish")
        .isEqualTo("a kernel\n");
    server.succeed("repo", "publish", "cdn", "--distributor", "web");
    assertThat(Curl.run(base + "cdn/images/pxeboot/vmlinuz").text())
        .isEqualTo("a rebuilt kernel\n");
    assertThat(Curl.run(base + "cdn/.treeinfo").text()).contains("timestamp = 1764990000");

    server.succeed("repo", "publish", "cdn", "--distributor", "media");
    String exported = Files.readString(media.resolve("repodata/repomd.xml"));
    Matcher m = PRODUCTID.matcher(exported);
    assertThat(m.find()).as(exported).isTrue();
    assertThat(media.resolve(m.group(1))).isRegularFile();
    assertThat(media.resolve("images/pxeboot/vmlinuz")).hasContent("a rebuilt kernel");
    assertThat(media.resolve(".treeinfo")).hasSameTextualContentAs(feed.resolve(".treeinfo"));
  }

  @Test
  void aProductIdUploadedWithTheCliIsPublishedAndOneDepotWritesIsRefused() throws Exception {
    Path gz = dir.resolve("productid.gz");
    try (var out = new java.util.zip.GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write("a product certificate\n".getBytes(StandardCharsets.UTF_8));
    }
    mirror("hand", dir.resolve("nowhere").toUri().toString());

    CliServer.Run refused =
        server.run(
            "repo",
            "upload",
            "hand",
            gz.toString(),
            "--type",
            "yum_repo_metadata_file",
            "--key",
            "data_type=primary");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.out() + refused.err()).contains("data_type primary cannot be carried");
    server.succeed(
        "repo",
        "upload",
        "hand",
        gz.toString(),
        "--type",
        "yum_repo_metadata_file",
        "--key",
        "data_type=productid",
        "--metadata",
        "file_name=productid.gz");
    server.succeed("repo", "publish", "hand", "--distributor", "web");

    String base = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/";
    assertThat(servedProductId(base + "hand/")).isEqualTo("a product certificate\n");
  }

  private void mirror(String id, String feed, String... more) {
    server.succeed(YumRepoArgs.create(id, List.of("feed=" + feed), more));
  }

  /** The productid repomd.xml lists at {@code url}, fetched with curl and gunzipped. */
  private static String servedProductId(String url) throws Exception {
    String repomd =
        new String(Curl.run("-s", url + "repodata/repomd.xml").body(), StandardCharsets.UTF_8);
    Matcher m = PRODUCTID.matcher(repomd);
    assertThat(m.find()).as(repomd).isTrue();
    Curl.Result file = Curl.run("-s", url + m.group(1));
    assertThat(file.status()).isEqualTo(200);
    try (var in = new GZIPInputStream(new ByteArrayInputStream(file.body()))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
