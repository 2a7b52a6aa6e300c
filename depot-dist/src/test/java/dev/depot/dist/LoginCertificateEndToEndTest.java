package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.server.support.RunningDepot;
import dev.depot.server.support.TestApi.Reply;
import dev.depot.server.support.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pulp's login: {@code POST /actions/login/} gives a user a key and certificate that real curl then
 * presents over HTTPS instead of the password, with that user's permissions, until the user is
 * deleted.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class LoginCertificateEndToEndTest {
  private static final String API = "/pulp/api/v2/";

  @Parameter TestDatabase database;
  @TempDir Path dir;
  RunningDepot depot;

  @BeforeEach
  void start() throws Exception {
    depot = RunningDepot.start(database, dir.resolve("server"));
  }

  @AfterEach
  void stop() throws Exception {
    depot.close();
  }

  private Curl.Result withCertificate(Path pem, String method, String path) throws Exception {
    return Curl.run(
        "--cacert",
        dir.resolve("server/tls/ca.crt").toString(),
        "--cert",
        pem.toString(),
        "--key",
        pem.toString(),
        "-X",
        method,
        "https://localhost:" + depot.depot().httpsPort() + API + path);
  }

  @Test
  void aLoginCertificateActsAsItsUserWithItsPermissionsUntilTheUserIsDeleted() throws Exception {
    assertThat(depot.call("POST", API + "repositories/", "{\"id\": \"zoo\"}").status())
        .isEqualTo(201);
    assertThat(
            depot
                .call("POST", API + "users/", "{\"login\": \"alice\", \"password\": \"pw-alice\"}")
                .status())
        .isEqualTo(201);
    assertThat(
            depot
                .call(
                    "POST",
                    API + "permissions/actions/grant_to_user/",
                    "{\"login\": \"alice\", \"resource\": \"/v2/repositories/\","
                        + " \"operations\": [\"READ\"]}")
                .status())
        .isEqualTo(200);

    Reply login = depot.send("POST", API + "actions/login/", null, "alice:pw-alice");
    assertThat(login.status()).as(login.body()).isEqualTo(200);
    JsonNode issued = login.json();
    Path pem = dir.resolve("alice.pem");
    Files.writeString(pem, issued.at("/key").asText() + issued.at("/certificate").asText());

    Curl.Result read = withCertificate(pem, "GET", "repositories/zoo/");
    Curl.Result delete = withCertificate(pem, "DELETE", "repositories/zoo/");
    Reply badPassword = depot.send("POST", API + "actions/login/", null, "alice:wrong");

    assertThat(issued.at("/key").asText()).contains("PRIVATE KEY");
    assertThat(issued.at("/certificate").asText()).contains("BEGIN CERTIFICATE");
    java.security.cert.X509Certificate certificate =
        (java.security.cert.X509Certificate)
            java.security.cert.CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new java.io.ByteArrayInputStream(
                        issued
                            .at("/certificate")
                            .asText()
                            .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    assertThat(certificate.getNotAfter().toInstant())
        .as("Pulp's default user_cert_expiration: 7 days")
        .isBetween(
            java.time.Instant.now().plus(java.time.Duration.ofDays(7).minusHours(1)),
            java.time.Instant.now().plus(java.time.Duration.ofDays(7).plusHours(1)));
    assertThat(read.status()).as(read.text()).isEqualTo(200);
    assertThat(read.text()).contains("\"zoo\"");
    assertThat(delete.status()).as("alice may only read").isEqualTo(403);
    assertThat(badPassword.status()).isEqualTo(401);

    assertThat(depot.call("DELETE", API + "users/alice/", null).status()).isEqualTo(200);
    assertThat(withCertificate(pem, "GET", "repositories/zoo/").status()).isEqualTo(401);
  }
}
