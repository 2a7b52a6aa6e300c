package dev.depot.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerTlsTest {
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final List<String> FILES = List.of("ca.crt", "ca.key", "server.crt", "server.key");

  @TempDir Path dir;

  @Test
  void firstStartCreatesACaAndAServerCertificateWithOwnerOnlyKeys() throws Exception {
    ServerTls tls = ServerTls.ensure(dir, "depot.example");

    assertThat(dir)
        .isDirectoryContaining("glob:**/ca.crt")
        .isDirectoryContaining("glob:**/server.key");
    assertThat(mode("ca.key")).isEqualTo("rw-------");
    assertThat(mode("server.key")).isEqualTo("rw-------");
    assertThat(mode("ca.crt")).isEqualTo("rw-r--r--");
    assertThat(tls.caCertificate().getSubjectX500Principal().getName())
        .isEqualTo("CN=Depot CA depot.example");
    assertThat(tls.caCertificateFile()).isEqualTo(dir.resolve("ca.crt"));
    assertThat(PemFiles.readCertificates(tls.caCertificateFile()))
        .containsExactly(tls.caCertificate());
    X509Certificate server = PemFiles.readCertificates(dir.resolve("server.crt")).getFirst();
    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(2, "depot.example"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(server.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(3640)));
  }

  @Test
  void laterStartsLoadTheFilesUnchanged() throws Exception {
    ServerTls first = ServerTls.ensure(dir, "depot.example");
    Map<String, String> before = contents();

    ServerTls second = ServerTls.ensure(dir, "depot.example");

    assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    assertThat(contents()).isEqualTo(before);
    assertThat(second.keyStore(PASSWORD).getCertificate("depot"))
        .isEqualTo(first.keyStore(PASSWORD).getCertificate("depot"));
  }

  @Test
  void aMissingServerCertificateIsIssuedAgainByTheSameCa() throws Exception {
    ServerTls first = ServerTls.ensure(dir, "depot.example");
    Files.delete(dir.resolve("server.crt"));

    ServerTls second = ServerTls.ensure(dir, "depot.example");

    assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
    PemFiles.readCertificates(dir.resolve("server.crt"))
        .getFirst()
        .verify(first.caCertificate().getPublicKey());
  }

  @Test
  void aCaWhoseKeyIsGoneIsNeverReplacedBehindTheClientsBack() throws Exception {
    ServerTls.ensure(dir, "depot.example");
    String ca = Files.readString(dir.resolve("ca.crt"));
    Files.delete(dir.resolve("ca.key"));
    Files.delete(dir.resolve("server.crt"));

    assertThatThrownBy(() -> ServerTls.ensure(dir, "depot.example"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ca.key is missing");
    assertThat(Files.readString(dir.resolve("ca.crt"))).isEqualTo(ca);
  }

  @Test
  void clientsTrustingTheCaFileReachTheServerByEveryName() throws Exception {
    ServerTls tls = ServerTls.ensure(dir, "depot.example");
    SSLContext server = Handshake.context(tls.keyStore(PASSWORD), PASSWORD);
    X509Certificate ca = PemFiles.readCertificates(tls.caCertificateFile()).getFirst();

    for (String name : List.of("localhost", "depot.example", "127.0.0.1")) {
      Handshake.Outcome outcome =
          Handshake.run(server, false, Handshake.context(null, null, ca), name);
      assertThat(outcome.succeeded()).as(name + ": " + outcome).isTrue();
    }
  }

  @Test
  void aHostNameTheCertificateLacksIsAddedByTheSameCaKeepingTheOthers() throws Exception {
    ServerTls first = ServerTls.ensure(dir, "old.example");

    ServerTls second = ServerTls.ensure(dir, "new.example");
    ServerTls third = ServerTls.ensure(dir, "10.1.2.3");
    ServerTls again = ServerTls.ensure(dir, "old.example");

    X509Certificate server = PemFiles.readCertificates(dir.resolve("server.crt")).getFirst();
    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(2, "old.example"),
            List.of(2, "new.example"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"),
            List.of(7, "10.1.2.3"));
    server.verify(first.caCertificate().getPublicKey());
    assertThat(List.of(second, third, again))
        .allSatisfy(tls -> assertThat(tls.caCertificate()).isEqualTo(first.caCertificate()));
    SSLContext serving = Handshake.context(again.keyStore(PASSWORD), PASSWORD);
    for (String name : List.of("new.example", "old.example", "10.1.2.3")) {
      Handshake.Outcome outcome =
          Handshake.run(serving, false, Handshake.context(null, null, first.caCertificate()), name);
      assertThat(outcome.succeeded()).as(name + ": " + outcome).isTrue();
    }
  }

  @Test
  void aCertificateTheUserBroughtIsKeptEvenWithoutTheHostName() throws Exception {
    CertificateAuthority theirs = CertificateAuthority.create("Their CA", Duration.ofDays(1));
    IssuedCertificate cert =
        theirs.issueServer("web", List.of("*.corp.example"), List.of(), Duration.ofDays(1));
    Files.writeString(dir.resolve("server.crt"), cert.certificatePem());
    Files.writeString(dir.resolve("server.key"), cert.privateKeyPem());
    Files.writeString(
        dir.resolve("ca.crt"), PemFiles.encodeCertificates(List.of(theirs.certificate())));
    Map<String, String> before = contents();

    ServerTls covered = ServerTls.ensure(dir, "depot.corp.example");
    ServerTls.ensure(dir, "depot.elsewhere.example");

    assertThat(contents()).as("never replaced: Depot did not issue it").isEqualTo(before);
    assertThat(covered.caCertificate()).isEqualTo(theirs.certificate());
  }

  @Test
  void namesAreMatchedAsClientsMatchThem() throws Exception {
    ServerNames names = new ServerNames(List.of("*.corp.example", "depot"), List.of("10.0.0.1"));

    assertThat(names.covers("a.corp.example")).isTrue();
    assertThat(names.covers("A.CORP.example")).isTrue();
    assertThat(names.covers("a.b.corp.example")).isFalse();
    assertThat(names.covers("corp.example")).isFalse();
    assertThat(names.covers("depot")).isTrue();
    assertThat(names.covers("10.0.0.1")).isTrue();
    assertThat(names.covers("10.0.0.2")).isFalse();
  }

  @Test
  void anIpAddressAsHostNameBecomesAnIpName() throws Exception {
    ServerTls.ensure(dir, "10.1.2.3");

    assertThat(
            PemFiles.readCertificates(dir.resolve("server.crt"))
                .getFirst()
                .getSubjectAlternativeNames())
        .contains(List.of(7, "10.1.2.3"))
        .doesNotContain(List.of(2, "10.1.2.3"));
  }

  @Test
  void caCertificatePemIsTheCaCertificate() throws Exception {
    ServerTls tls = ServerTls.ensure(dir, "h");
    Files.writeString(dir.resolve("copy.pem"), tls.caCertificatePem());

    assertThat(PemFiles.readCertificates(dir.resolve("copy.pem")))
        .containsExactly(tls.caCertificate());
  }

  @Test
  void usersOwnFilesAreUsedWithTheirCa() throws Exception {
    CertificateAuthority theirs = CertificateAuthority.create("Their CA", Duration.ofDays(1));
    IssuedCertificate cert =
        theirs.issueServer("web", List.of("localhost"), List.of(), Duration.ofDays(1));
    Files.writeString(dir.resolve("web.crt"), cert.certificatePem());
    Files.writeString(dir.resolve("web.key"), cert.privateKeyPem());
    theirs.save(dir.resolve("their-ca.crt"), dir.resolve("their-ca.key"));

    ServerTls tls =
        ServerTls.fromFiles(
            dir.resolve("web.crt"), dir.resolve("web.key"), dir.resolve("their-ca.crt"));
    KeyStore store = tls.keyStore(PASSWORD);

    assertThat(tls.caCertificate()).isEqualTo(theirs.certificate());
    assertThat(tls.caCertificateFile()).isEqualTo(dir.resolve("their-ca.crt"));
    assertThat(store.getCertificateChain("depot"))
        .containsExactly(cert.certificate(), theirs.certificate());
    SSLContext server = Handshake.context(store, PASSWORD);
    assertThat(
            Handshake.run(
                    server, false, Handshake.context(null, null, theirs.certificate()), "localhost")
                .succeeded())
        .isTrue();
  }

  @Test
  void withoutACaFileTheTopOfTheUsersChainIsTheCa() throws Exception {
    CertificateAuthority theirs = CertificateAuthority.create("Their CA", Duration.ofDays(1));
    IssuedCertificate cert =
        theirs.issueServer("web", List.of("localhost"), List.of(), Duration.ofDays(1));
    Files.writeString(dir.resolve("chain.crt"), PemFiles.encodeCertificates(cert.chain()));
    Files.writeString(dir.resolve("web.key"), cert.privateKeyPem());

    ServerTls tls = ServerTls.fromFiles(dir.resolve("chain.crt"), dir.resolve("web.key"), null);

    assertThat(tls.caCertificate()).isEqualTo(theirs.certificate());
    assertThat(tls.caCertificateFile()).isEqualTo(dir.resolve("chain.crt"));
    assertThat(tls.keyStore(PASSWORD).getCertificateChain("depot")).hasSize(2);
  }

  @Test
  void mismatchedUserFilesAreRefusedAtStart() throws Exception {
    CertificateAuthority theirs = CertificateAuthority.create("Their CA", Duration.ofDays(1));
    IssuedCertificate cert =
        theirs.issueServer("web", List.of("localhost"), List.of(), Duration.ofDays(1));
    IssuedCertificate other =
        theirs.issueServer("other", List.of("localhost"), List.of(), Duration.ofDays(1));
    Files.writeString(dir.resolve("web.crt"), cert.certificatePem());
    Files.writeString(dir.resolve("other.key"), other.privateKeyPem());
    Files.writeString(dir.resolve("web.key"), cert.privateKeyPem());
    CertificateAuthority.create("Not theirs", Duration.ofDays(1))
        .save(dir.resolve("wrong.crt"), dir.resolve("wrong.key"));

    assertThatThrownBy(
            () -> ServerTls.fromFiles(dir.resolve("web.crt"), dir.resolve("other.key"), null))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not fit");
    assertThatThrownBy(
            () ->
                ServerTls.fromFiles(
                    dir.resolve("web.crt"), dir.resolve("web.key"), dir.resolve("wrong.crt")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not issue");
  }

  private String mode(String file) throws IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(file)));
  }

  private Map<String, String> contents() throws IOException {
    Map<String, String> contents = new TreeMap<>();
    for (String name : FILES) {
      if (Files.exists(dir.resolve(name))) {
        contents.put(name, Files.readString(dir.resolve(name)));
      }
    }
    return contents;
  }
}
