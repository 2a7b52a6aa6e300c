package dev.depot.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.depot.server.config.ServerConfigResolver.ServerFlags;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigResolverTest {
  @TempDir Path dir;

  @Test
  void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws Exception {
    Path file = dir.resolve("depot.properties");
    Files.writeString(
        file, "port=7000\nhttps-port=7443\ndata-dir=" + dir.resolve("fromfile") + "\n");
    ServerConfigResolver resolver =
        ServerConfigResolver.load(file.toString(), Map.of("DEPOT_PORT", "9000"));

    ServerConfig config =
        resolver.resolve(
            new ServerFlags(null, "9100", null, null, null, null, null, null, null, null, null));
    ServerConfig fromEnv = resolver.resolve(ServerFlags.NONE);

    assertThat(config.port()).isEqualTo(9100);
    assertThat(fromEnv.port()).isEqualTo(9000);
    assertThat(fromEnv.httpsPort()).isEqualTo(7443);
    assertThat(fromEnv.dataDir()).isEqualTo(dir.resolve("fromfile"));
    assertThat(fromEnv.databaseUrl())
        .isEqualTo("jdbc:h2:file:" + dir.resolve("fromfile").resolve("db").resolve("depot"));
    assertThat(fromEnv.configDir()).isEqualTo(dir.resolve("fromfile").resolve("config"));
  }

  @Test
  void defaultsNeedNothing() {
    ServerConfig config = ServerConfigResolver.load(null, Map.of()).resolve(ServerFlags.NONE);

    assertThat(config.port()).isEqualTo(8080);
    assertThat(config.httpsPort()).isEqualTo(8443);
    assertThat(config.dataDir()).isEqualTo(Path.of("depot-data").toAbsolutePath());
    assertThat(config.adminPassword()).isNull();
  }

  @Test
  void inputLimitsComeFromTheEnvironmentOrTheFileInUnitsPeopleWrite() throws Exception {
    Path file = dir.resolve("limits.properties");
    Files.writeString(file, "max-upload-chunk=512k\nupload-expiry=7d\n");

    ServerConfig config =
        ServerConfigResolver.load(
                file.toString(),
                Map.of("DEPOT_MAX_REQUEST_BODY", "2m", "DEPOT_MIN_FREE_SPACE", "1g"))
            .resolve(ServerFlags.NONE);

    assertThat(config.limits().maxRequestBody()).isEqualTo(2L << 20);
    assertThat(config.limits().maxUploadChunk()).isEqualTo(512L << 10);
    assertThat(config.limits().minFreeSpace()).isEqualTo(1L << 30);
    assertThat(config.limits().uploadExpiry()).isEqualTo(java.time.Duration.ofDays(7));
    assertThat(ServerConfigResolver.load(null, Map.of()).resolve(ServerFlags.NONE).limits())
        .isEqualTo(InputLimits.DEFAULT);
  }

  @Test
  void loginCertificatesLastPulpsSevenDaysUnlessTheConfigSaysOtherwise() {
    Map<String, String> days = Map.of("DEPOT_USER_CERT_EXPIRATION", "2");
    Map<String, String> hours = Map.of("DEPOT_USER_CERT_EXPIRATION", "12h");

    assertThat(
            ServerConfigResolver.load(null, Map.of()).resolve(ServerFlags.NONE).userCertValidity())
        .isEqualTo(java.time.Duration.ofDays(7));
    assertThat(ServerConfigResolver.load(null, days).resolve(ServerFlags.NONE).userCertValidity())
        .isEqualTo(java.time.Duration.ofDays(2));
    assertThat(ServerConfigResolver.load(null, hours).resolve(ServerFlags.NONE).userCertValidity())
        .isEqualTo(java.time.Duration.ofHours(12));
  }

  @Test
  void aLimitThatIsNotASizeIsRefusedNamingTheSetting() {
    ServerConfigResolver resolver =
        ServerConfigResolver.load(null, Map.of("DEPOT_MAX_REQUEST_BODY", "lots"));

    assertThatThrownBy(() -> resolver.resolve(ServerFlags.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("max-request-body")
        .hasMessageContaining("'lots'");
  }

  @Test
  void badPortIsRefusedNamingTheSetting() {
    ServerConfigResolver resolver = ServerConfigResolver.load(null, Map.of("DEPOT_PORT", "http"));

    assertThatThrownBy(() -> resolver.resolve(ServerFlags.NONE))
        .hasMessageContaining("port must be a number");
  }

  @Test
  void aMisspeltKeyInTheFileStopsTheStartNamingFileLineAndTheKeyMeant() throws Exception {
    Path file = dir.resolve("typo.properties");
    // A comment's backslash continues nothing; a value's does, so line 4 is not a key.
    Files.writeString(
        file, "# depot \\\nroles=api,\\\n  worker\n\ndatabse_url=jdbc:postgresql://db/depot\n");

    assertThatThrownBy(() -> ServerConfigResolver.load(file.toString(), Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "config file " + file + " line 5: unknown key databse_url; did you mean database-url?");
  }

  @Test
  void anUnknownKeyWithNothingCloseIsRefusedListingTheKnownOnes() throws Exception {
    Path file = dir.resolve("listen.properties");
    Files.writeString(file, "bind=127.0.0.1\nlisten = 8080\n");

    assertThatThrownBy(() -> ServerConfigResolver.load(file.toString(), Map.of()))
        .hasMessageStartingWith("config file " + file + " line 2: unknown key listen; known keys:")
        .hasMessageContaining("database-url")
        .hasMessageContaining("user-cert-expiration");
  }

  @Test
  void everyDocumentedKeyIsAcceptedInTheFile() throws Exception {
    Path file = dir.resolve("all.properties");
    Files.writeString(
        file,
        String.join(
            "\n",
            "port=7000",
            "https-port=7443",
            "bind=127.0.0.1",
            "data-dir=" + dir.resolve("data"),
            "database-url=jdbc:h2:mem:all",
            "admin-password=secret",
            "config-dir=" + dir.resolve("conf"),
            "roles=api,worker",
            "worker-name=w1",
            "workers=3",
            "worker-timeout=40",
            "max-request-body=1m",
            "max-upload-chunk=2m",
            "min-free-space=3m",
            "upload-expiry=2h",
            "user-cert-expiration=3",
            "allowed-import-paths=/srv/imports, /media",
            "allowed-export-paths=/srv/exports"));

    ServerConfig config =
        ServerConfigResolver.load(file.toString(), Map.of()).resolve(ServerFlags.NONE);

    assertThat(config.workerName()).isEqualTo("w1");
    assertThat(config.userCertValidity()).isEqualTo(java.time.Duration.ofDays(3));
    assertThat(config.allowedPaths())
        .isEqualTo(
            new PathAllowlists(
                List.of(Path.of("/srv/imports"), Path.of("/media")),
                List.of(Path.of("/srv/exports"))));
  }

  @Test
  void allowedPathsAreNoneByDefaultAndMustBeAbsolute() {
    assertThat(ServerConfigResolver.load(null, Map.of()).resolve(ServerFlags.NONE).allowedPaths())
        .isEqualTo(PathAllowlists.NONE);
    ServerConfigResolver relative =
        ServerConfigResolver.load(null, Map.of("DEPOT_ALLOWED_EXPORT_PATHS", "exports"));

    assertThatThrownBy(() -> relative.resolve(ServerFlags.NONE))
        .hasMessageContaining("allowed-export-paths must list absolute directories");
  }

  @Test
  void valuesInTheFileLoseTheSpacesAroundThem() throws Exception {
    Path file = dir.resolve("spaces.properties");
    Files.writeString(
        file, "port = 7000  \nworker-name =  w1\t\ndatabase-url=jdbc:h2:mem:spaced \n");

    ServerConfig config =
        ServerConfigResolver.load(file.toString(), Map.of()).resolve(ServerFlags.NONE);

    assertThat(config.port()).isEqualTo(7000);
    assertThat(config.workerName()).isEqualTo("w1");
    assertThat(config.databaseUrl()).isEqualTo("jdbc:h2:mem:spaced");
  }

  @Test
  void databasePasswordIsRedactedFromTheDescription() {
    ServerConfig config =
        ServerConfigResolver.load(
                null,
                Map.of("DEPOT_DATABASE_URL", "jdbc:postgresql://db/depot?user=u&password=hunter2"))
            .resolve(ServerFlags.NONE);

    assertThat(config.toString()).doesNotContain("hunter2").contains("password=*****");
  }
}
