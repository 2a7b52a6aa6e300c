package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugins.rpm.TestRpms;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RPM packages as a new user would run them, with the CLI against the real server: a yum repository
 * created, packages uploaded and published, then read by Debian's real {@code dnf} (makecache,
 * repoquery, install into an install root) over HTTP and over HTTPS trusting Depot's CA. The
 * storage layer is the same for every type, so one database (H2) is enough here.
 */
class RpmEndToEndTest extends CliServerTest {
  private CliServer.Run depot(String... args) {
    return server.succeed(args);
  }

  @Test
  void uploadPublishAndDnfInstallOverHttpAndHttps() throws Exception {
    createServedOverHttp();
    Path built = Files.createDirectories(dir.resolve("built"));
    TestRpms.Built app = TestRpms.build(built, "hello-app", "1.0", "greeter-lib >= 1.0");
    TestRpms.Built lib = TestRpms.build(built, "greeter-lib", "1.1");
    // One upload of binaries and a source package: the .src.rpm goes up as srpm.
    depot("repo", "upload", "r", app.rpm().toString(), lib.rpm().toString(), app.srpm().toString());
    depot("repo", "publish", "r", "--distributor", "web");
    assertThat(depot("repo", "units", "r", "--type", "srpm").out()).contains("hello-app");

    String http = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/r/";
    Dnf overHttp = new Dnf(dir.resolve("dnf-http"), http, List.of());
    overHttp.run("makecache");
    assertThat(
            overHttp.run(
                "repoquery", "--qf", "%{name}-%{version}-%{release}.%{arch} %{location}", "*"))
        .contains("hello-app-1.0-1.noarch Packages/h/hello-app-1.0-1.noarch.rpm")
        .contains("greeter-lib-1.1-1.noarch Packages/g/greeter-lib-1.1-1.noarch.rpm");
    HttpResponse<byte[]> source =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(http + "Packages/h/hello-app-1.0-1.src.rpm"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(source.body()).isEqualTo(Files.readAllBytes(app.srpm()));
    overHttp.run("-y", "install", "hello-app");
    assertThat(overHttp.root.resolve("usr/share/greeter-lib/greeting.txt")).hasContent("hi");
    assertThat(overHttp.root.resolve("usr/bin/hello-app")).isRegularFile();

    String https = "https://localhost:" + server.depot().httpsPort() + "/pulp/repos/r/";
    String ca = "--setopt=sslcacert=" + dir.resolve("server/tls/ca.crt");
    Dnf overHttps = new Dnf(dir.resolve("dnf-https"), https, List.of(ca));
    overHttps.run("-y", "install", "greeter-lib");
    assertThat(overHttps.root.resolve("usr/share/greeter-lib/greeting.txt")).hasContent("hi");
  }

  @Test
  void aFilterOnAFieldHoldingANumberAsTextFindsIt() throws Exception {
    createServedOverHttp();
    Path built = Files.createDirectories(dir.resolve("built"));
    TestRpms.Built two = TestRpms.build(built, "two-tool", "2");
    TestRpms.Built lib = TestRpms.build(built, "greeter-lib", "1.1");
    depot("repo", "upload", "r", two.rpm().toString(), lib.rpm().toString());

    // An RPM's epoch, version and release are text: epoch=0 and version=2 must still match.
    assertThat(depot("repo", "units", "r", "--type", "rpm", "--filter", "epoch=0").out())
        .contains("two-tool")
        .contains("greeter-lib");
    assertThat(depot("repo", "units", "r", "--type", "rpm", "--filter", "version=2").out())
        .contains("two-tool")
        .doesNotContain("greeter-lib");
    assertThat(depot("repo", "remove-units", "r", "--type", "rpm", "--filter", "version=2").out())
        .contains("(1 unit)");
    assertThat(depot("repo", "units", "r", "--type", "rpm").out())
        .doesNotContain("two-tool")
        .contains("greeter-lib");
  }

  @Test
  void aPublishFromTheChangesSinceIsWhatDnfReads() throws Exception {
    createServedOverHttp();
    Path built = Files.createDirectories(dir.resolve("built"));
    TestRpms.Built app = TestRpms.build(built, "hello-app", "1.0", "greeter-lib >= 1.0");
    TestRpms.Built lib = TestRpms.build(built, "greeter-lib", "1.1");
    TestRpms.Built old = TestRpms.build(built, "old-tool", "0.1");
    depot("repo", "upload", "r", app.rpm().toString(), lib.rpm().toString());
    depot("repo", "publish", "r");
    depot("repo", "upload", "r", old.rpm().toString(), app.srpm().toString());
    depot("repo", "publish", "r"); // the next publish takes over the first tree
    depot("repo", "remove-units", "r", "--type", "rpm", "--filter", "name=old-tool");
    TestRpms.Built added = TestRpms.build(built, "new-tool", "2.0", "greeter-lib");
    depot("repo", "upload", "r", added.rpm().toString());

    String report = depot("repo", "publish", "r", "--json").out();
    assertThat(report).contains("\"mode\"").contains("\"changes\"");
    String http = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/r/";
    Dnf dnf = new Dnf(dir.resolve("dnf-changes"), http, List.of());
    dnf.run("makecache");
    assertThat(dnf.run("repoquery", "--qf", "%{name}-%{version}", "*"))
        .contains("hello-app-1.0", "greeter-lib-1.1", "new-tool-2.0")
        .doesNotContain("old-tool");
    dnf.run("-y", "install", "new-tool");
    assertThat(dnf.root.resolve("usr/bin/new-tool")).isRegularFile();
    assertThat(dnf.root.resolve("usr/share/greeter-lib/greeting.txt")).hasContent("hi");
  }

  @Test
  void anUploadedRebuildTakesThePlaceOfTheHeldBuildAndPublishes() throws Exception {
    createServedOverHttp();
    TestRpms.Built first = TestRpms.build(dir.resolve("first"), "greeter-lib", "1.1");
    Path rebuild = TestRpms.build(dir.resolve("again"), "greeter-lib", "1.1", "bash").rpm();
    depot("repo", "upload", "r", first.rpm().toString());
    depot("repo", "publish", "r", "--distributor", "web");

    // Same NEVRA, another file: as in Pulp, the upload replaces the repository's other build.
    assertThat(depot("repo", "upload", "r", rebuild.toString()).out())
        .contains("replaced in the repository: ", "\"version\":\"1.1\"");
    assertThat(depot("--json", "repo", "units", "r", "--type", "rpm").json()).hasSize(1);
    depot("repo", "publish", "r", "--distributor", "web");

    String http = "http://127.0.0.1:" + server.depot().port() + "/pulp/repos/r/";
    HttpResponse<byte[]> served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(http + "Packages/g/greeter-lib-1.1-1.noarch.rpm"))
                    .build(),
                HttpResponse.BodyHandlers.ofByteArray());
    assertThat(served.body()).isEqualTo(Files.readAllBytes(rebuild));
    Dnf dnf = new Dnf(dir.resolve("dnf-rebuild"), http, List.of());
    dnf.run("makecache");
    assertThat(dnf.run("repoquery", "--requires", "greeter-lib")).contains("bash");
  }

  /** Repository {@code r} with a yum_distributor {@code web} serving it at /pulp/repos/r/. */
  private void createServedOverHttp() throws Exception {
    createServedYumRepository("r");
  }

  @Test
  void aFileThatIsNotAnRpmIsRefusedNamingItAndNothingStored() throws Exception {
    depot("repo", "create", "r", "--importer", "yum_importer");
    Path bad = Files.writeString(dir.resolve("broken-1.0-1.noarch.rpm"), "not a package");
    Path worse = Files.writeString(dir.resolve("worse-1.0-1.noarch.rpm"), "nor this");

    CliServer.Run refused = server.run("repo", "upload", "r", bad.toString(), worse.toString());

    assertThat(refused.code()).isNotZero();
    // Of several files, the user learns which one failed: the server only knows upload ids.
    assertThat(refused.out() + refused.err())
        .contains(bad + ": ")
        .contains(worse + ": ")
        .contains("is not an RPM package");
    assertThat(depot("repo", "units", "r").out()).doesNotContain("broken");
  }
}
