package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The consumer commands find each type's binding handler through ServiceLoader. */
class BindingHandlersTest {
  @TempDir Path dir;

  @Test
  void theHandlersAreRegisteredAndOtherTypesHaveNone() {
    assertThat(BindingHandlers.forType("iso_distributor"))
        .get()
        .isInstanceOf(IsoBindingHandler.class);
    assertThat(BindingHandlers.forType("rpm_distributor")).isEmpty();
    assertThat(BindingHandlers.forType("yum_distributor"))
        .get()
        .isInstanceOf(YumBindingHandler.class);
    assertThat(BindingHandlers.known())
        .isEqualTo("iso_distributor, puppet_distributor, yum_distributor");
  }

  @Test
  void theIsoHandlerKeepsThePayloadsUrlsAndWritesItsCaToItsOwnFile() throws Exception {
    JsonNode details =
        ApiClient.JSON.readTree(
            """
            {"relative_path": "/pulp/isos/zoo/", "protocols": ["https"],
             "urls": {"https": "https://depot.example/pulp/isos/zoo/"},
             "manifest": "PULP_MANIFEST", "ca_cert": "-----BEGIN CERTIFICATE-----", "ssl_auth": true}
            """);
    ObjectNode config = ApiClient.JSON.createObjectNode();
    Path ca = dir.resolve("zoo-ca.pem");

    BindingHandlers.forType("iso_distributor").orElseThrow().writeConfig(details, config, ca);

    assertThat(config.path("urls").path("https").asText())
        .isEqualTo("https://depot.example/pulp/isos/zoo/");
    assertThat(config.path("relative_path").asText()).isEqualTo("/pulp/isos/zoo/");
    assertThat(config.path("ssl_auth").asBoolean()).isTrue();
    assertThat(config.path("ca_cert").asText()).isEqualTo(ca.toString());
    assertThat(ca).hasContent("-----BEGIN CERTIFICATE-----");

    ObjectNode plain = ApiClient.JSON.createObjectNode();
    BindingHandlers.forType("iso_distributor")
        .orElseThrow()
        .writeConfig(ApiClient.JSON.readTree("{\"protocols\": [\"http\"]}"), plain, ca);
    assertThat(ca).doesNotExist();
    assertThat(plain.get("ca_cert").isNull()).isTrue();
  }

  @Test
  void thePuppetHandlerKeepsTheForgeUrlsAndAnswersTheInstallLine() throws Exception {
    JsonNode details =
        ApiClient.JSON.readTree(
            """
            {"protocols": ["http", "https"],
             "urls": {"http": "http://d:8080/pulp/puppet/f/", "https": "https://d:8443/pulp/puppet/f/"},
             "module_repositories": {"http": "http://d:8080/pulp_puppet/forge/repository/f",
               "https": "https://d:8443/pulp_puppet/forge/repository/f"},
             "ca_cert": "-----BEGIN CERTIFICATE-----"}
            """);
    ObjectNode config = ApiClient.JSON.createObjectNode();
    Path ca = dir.resolve("f-ca.pem");
    BindingHandler puppet = BindingHandlers.forType("puppet_distributor").orElseThrow();

    puppet.writeConfig(details, config, ca);

    assertThat(config.at("/module_repositories/http").asText())
        .isEqualTo("http://d:8080/pulp_puppet/forge/repository/f");
    assertThat(ca).hasContent("-----BEGIN CERTIFICATE-----");
    assertThat(puppet.usage(config))
        .contains(
            "SSL_CERT_FILE="
                + ca
                + " puppet module install --module_repository"
                + " https://d:8443/pulp_puppet/forge/repository/f <author>-<name>");
    ObjectNode plain = ApiClient.JSON.createObjectNode();
    puppet.writeConfig(
        ApiClient.JSON.readTree(
            "{\"module_repositories\": {\"http\": \"http://d/pulp_puppet/forge/repository/f\"}}"),
        plain,
        ca);
    assertThat(puppet.usage(plain))
        .contains(
            "puppet module install --module_repository http://d/pulp_puppet/forge/repository/f"
                + " <author>-<name>");
    // The admin's line (repo show) over an https:// server URL trusts the CLI's CA the same way.
    Map<String, URI> served = Map.of("https", URI.create("https://d:8443/pulp/puppet/f/"));
    assertThat(puppet.publishedUsage("f", served, ca))
        .contains(
            "SSL_CERT_FILE="
                + ca.toAbsolutePath()
                + " puppet module install --module_repository"
                + " https://d:8443/pulp_puppet/forge/repository/f <author>-<name>");
    assertThat(puppet.publishedUsage("f", Map.of("http", URI.create("http://d/")), ca))
        .contains(
            "puppet module install --module_repository http://d/pulp_puppet/forge/repository/f"
                + " <author>-<name>");
  }

  @Test
  void theYumHandlerWritesARepoFileThatChecksSignaturesWithTheKeysThePayloadHandsOut()
      throws Exception {
    JsonNode details =
        ApiClient.JSON.readTree(
            """
            {"protocols": ["https"], "repo_name": "Zoo",
             "urls": {"https": "https://d:8443/pulp/repos/zoo/"},
             "gpg_keys": {"pulp.key": "-----BEGIN PGP PUBLIC KEY BLOCK-----", "../evil": "k2"},
             "ca_cert": "-----BEGIN CERTIFICATE-----"}
            """);
    ObjectNode config = ApiClient.JSON.createObjectNode().put("repo_id", "zoo");
    Path ca = dir.resolve("zoo-ca.pem");
    BindingHandler yum = BindingHandlers.forType("yum_distributor").orElseThrow();
    yum.writeConfig(details, config, ca);

    Path root = dir.resolve("root");
    var files = yum.writeClientFiles("zoo", config, root);

    Path key = root.resolve("etc/pki/rpm-gpg/depot-zoo-pulp.key").toAbsolutePath();
    Path evil = root.resolve("etc/pki/rpm-gpg/depot-zoo-.._evil").toAbsolutePath();
    Path repo = root.resolve("etc/yum.repos.d/depot-zoo.repo");
    assertThat(files).containsExactlyInAnyOrder(key, evil, repo);
    assertThat(key).hasContent("-----BEGIN PGP PUBLIC KEY BLOCK-----");
    assertThat(repo)
        .content()
        .contains("[zoo]\nname=Zoo\nbaseurl=https://d:8443/pulp/repos/zoo/\n")
        .contains("gpgcheck=1\n")
        .contains("gpgkey=" + key.toUri() + " " + evil.toUri())
        .contains("sslcacert=" + ca);

    ObjectNode unsigned = ApiClient.JSON.createObjectNode().put("repo_id", "zoo");
    yum.writeConfig(
        ApiClient.JSON.readTree("{\"urls\": {\"http\": \"http://d/pulp/repos/zoo/\"}}"),
        unsigned,
        ca);
    Path bare = dir.resolve("bare");
    assertThat(yum.writeClientFiles("zoo", unsigned, bare)).hasSize(1);
    assertThat(bare.resolve("etc/yum.repos.d/depot-zoo.repo"))
        .content()
        .contains("gpgcheck=0\n")
        .doesNotContain("gpgkey=")
        .doesNotContain("sslcacert=");
  }

  @Test
  void aDisplayNameWithLineBreaksStaysOnTheNameLineOfTheRepoFile() throws Exception {
    JsonNode details =
        ApiClient.JSON
            .createObjectNode()
            .put("repo_name", "Evil\ngpgcheck=0\r\n[other]\nbaseurl=http://evil.example/")
            .set("urls", ApiClient.JSON.createObjectNode().put("http", "http://d/pulp/repos/zoo/"));
    ObjectNode config = ApiClient.JSON.createObjectNode().put("repo_id", "zoo");
    BindingHandler yum = BindingHandlers.forType("yum_distributor").orElseThrow();
    yum.writeConfig(details, config, dir.resolve("zoo-ca.pem"));

    yum.writeClientFiles("zoo", config, dir);

    String repo = java.nio.file.Files.readString(dir.resolve("etc/yum.repos.d/depot-zoo.repo"));
    assertThat(repo.lines().filter(l -> l.startsWith("["))).containsExactly("[zoo]");
    assertThat(repo.lines().filter(l -> l.startsWith("baseurl=")))
        .containsExactly("baseurl=http://d/pulp/repos/zoo/");
    assertThat(repo.lines().filter(l -> l.startsWith("gpgcheck="))).containsExactly("gpgcheck=0");
    assertThat(repo).contains("name=Evil gpgcheck=0  [other] baseurl=http://evil.example/\n");
  }

  @Test
  void aForgeReleaseNamingAPathIsRefused() throws Exception {
    JsonNode good =
        ApiClient.JSON.readTree(
            "{\"file_uri\": \"/v3/files/acme-web-1.0.0.tar.gz\", \"file_size\": 3,"
                + " \"file_sha256\": \"AB\"}");
    assertThat(PuppetFetch.release(good))
        .isEqualTo(
            new PuppetFetch.Release(
                "acme-web-1.0.0.tar.gz", "/v3/files/acme-web-1.0.0.tar.gz", 3, "ab"));
    JsonNode bad = ApiClient.JSON.readTree("{\"file_uri\": \"/v3/files/../x.tar.gz\"}");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> PuppetFetch.release(bad))
        .hasMessageContaining("bad release file");
  }

  @Test
  void theYumInstallLineNamesTheReposDirOnlyWhenBindWroteElsewhereThanTheSystemOne()
      throws Exception {
    BindingHandler yum = BindingHandlers.forType("yum_distributor").orElseThrow();
    JsonNode system =
        ApiClient.JSON.readTree(
            "{\"repo_id\": \"el9\", \"client_files\": [\"/etc/yum.repos.d/depot-el9.repo\"]}");
    JsonNode image =
        ApiClient.JSON.readTree(
            "{\"repo_id\": \"el9\", \"client_files\": [\"/srv/img/etc/pki/rpm-gpg/k\","
                + " \"/srv/img/etc/yum.repos.d/depot-el9.repo\"]}");

    assertThat(yum.usage(system)).contains("dnf --repo=el9 install <package>");
    assertThat(yum.usage(image))
        .contains("dnf --setopt=reposdir=/srv/img/etc/yum.repos.d --repo=el9 install <package>");
  }
}
