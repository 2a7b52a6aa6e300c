package dev.depot.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What openssl, the tool users reach for, makes of our certificates and keys, and we of its. */
class OpensslTest {
  private static final Path OPENSSL = Path.of("/usr/bin/openssl");
  private static final Duration DAY = Duration.ofDays(1);

  @TempDir Path dir;
  private CertificateAuthority ca;

  @BeforeEach
  void caOnDisk() throws IOException {
    assumeTrue(Files.isExecutable(OPENSSL), "openssl is not installed");
    ca = CertificateAuthority.create("Openssl Test CA", DAY);
    ca.save(dir.resolve("ca.crt"), dir.resolve("ca.key"));
  }

  @Test
  void verifiesServerAndClientCertificatesForTheirPurposeOnly() throws Exception {
    write("server", ca.issueServer("s", List.of("localhost"), List.of("127.0.0.1"), DAY));
    write("client", ca.issueClient("c", DAY));

    String[] strict = {"verify", "-x509_strict", "-CAfile", "ca.crt", "-purpose"};
    assertThat(openssl(concat(strict, "sslserver", "server.crt")).output())
        .isEqualTo("server.crt: OK\n");
    assertThat(openssl(concat(strict, "sslclient", "client.crt")).output())
        .isEqualTo("client.crt: OK\n");
    assertThat(openssl(concat(strict, "sslserver", "client.crt")).exit()).isNotZero();
    assertThat(openssl(concat(strict, "sslclient", "server.crt")).exit()).isNotZero();
  }

  @Test
  void refusesACertificateFromAnotherCa() throws Exception {
    write("stranger", CertificateAuthority.create("Other", DAY).issueClient("c", DAY));

    Run run = openssl("verify", "-CAfile", "ca.crt", "stranger.crt");

    assertThat(run.exit()).isNotZero();
    assertThat(run.output()).contains("unable to get local issuer certificate");
  }

  @Test
  void listsTheNamesAndExtensions() throws Exception {
    write(
        "server",
        ca.issueServer("s", List.of("localhost", "a.example"), List.of("127.0.0.1", "::1"), DAY));

    String server = openssl("x509", "-noout", "-text", "-in", "server.crt").output();
    String authority = openssl("x509", "-noout", "-text", "-in", "ca.crt").output();

    assertThat(server)
        .contains("DNS:localhost, DNS:a.example, IP Address:127.0.0.1, IP Address:0:0:0:0:0:0:0:1")
        .contains("TLS Web Server Authentication")
        .contains("X509v3 Key Usage: critical\n                Digital Signature, Key Encipherment")
        .contains("X509v3 Basic Constraints: critical\n                CA:FALSE")
        .contains("Signature Algorithm: sha256WithRSAEncryption")
        .contains("Subject: CN = s")
        .contains("Issuer: CN = Openssl Test CA");
    assertThat(authority)
        .contains("X509v3 Basic Constraints: critical\n                CA:TRUE")
        .contains("X509v3 Key Usage: critical\n                Certificate Sign, CRL Sign");
    String caKeyId = after("Subject Key Identifier: ?\n\\s*(\\S+)", authority);
    assertThat(after("Authority Key Identifier: ?\n\\s*(\\S+)", server)).endsWith(caKeyId);
  }

  @Test
  void readsOurKeyAsTheCertificatesKey() throws Exception {
    write("server", ca.issueServer("s", List.of("localhost"), List.of(), DAY));

    Run fromKey = openssl("pkey", "-in", "server.key", "-pubout");
    Run fromCertificate = openssl("x509", "-in", "server.crt", "-noout", "-pubkey");

    assertThat(fromKey.exit()).isZero();
    assertThat(fromKey.output()).isEqualTo(fromCertificate.output());
    assertThat(openssl("pkey", "-in", "ca.key", "-check", "-noout").exit()).isZero();
  }

  @Test
  void keysOpensslWritesAreRead() throws Exception {
    openssl("genrsa", "-traditional", "-out", "rsa1.pem", "2048");
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.pem");
    openssl(
        "genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", "ec8.pem");
    openssl("genpkey", "-algorithm", "ed25519", "-out", "ed.pem");

    assertThat(Files.readString(dir.resolve("rsa1.pem"))).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Files.readString(dir.resolve("sec1.pem"))).contains("BEGIN EC PARAMETERS");
    assertThat(PemFiles.readPrivateKey(dir.resolve("rsa1.pem")).getAlgorithm()).isEqualTo("RSA");
    assertThat(PemFiles.readPrivateKey(dir.resolve("sec1.pem")).getAlgorithm()).isEqualTo("EC");
    assertThat(PemFiles.readPrivateKey(dir.resolve("ec8.pem")).getAlgorithm()).isEqualTo("EC");
    assertThat(PemFiles.readPrivateKey(dir.resolve("ed.pem")).getAlgorithm())
        .isIn("Ed25519", "EdDSA");
  }

  @Test
  void encryptedKeysAreRefusedWithAClearMessage() throws Exception {
    openssl(
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-aes256",
        "-pass",
        "pass:secret",
        "-out",
        "locked.pem");

    openssl("genrsa", "-traditional", "-aes256", "-passout", "pass:secret", "-out", "old.pem");

    assertThat(Files.readString(dir.resolve("old.pem"))).contains("Proc-Type: 4,ENCRYPTED");
    for (String file : List.of("locked.pem", "old.pem")) {
      assertThatThrownBy(() -> PemFiles.readPrivateKey(dir.resolve(file)))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("encrypted");
    }
  }

  @Test
  void anEcCaMadeByOpensslIssuesCertificatesOpensslAccepts() throws Exception {
    Run made =
        openssl(
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "ec-ca.key",
            "-out",
            "ec-ca.crt",
            "-days",
            "1",
            "-subj",
            "/O=Depot Tests/CN=Openssl EC CA",
            "-addext",
            "keyUsage=critical,keyCertSign,cRLSign");
    assertThat(made.exit()).as(made.output()).isZero();

    CertificateAuthority ecCa =
        CertificateAuthority.load(dir.resolve("ec-ca.crt"), dir.resolve("ec-ca.key"));
    IssuedCertificate server = ecCa.issueServer("s", List.of("localhost"), List.of(), DAY);
    write("server", server);

    assertThat(server.certificate().getSigAlgName()).isEqualTo("SHA256withECDSA");
    server.certificate().verify(ecCa.certificate().getPublicKey());
    assertThat(
            openssl(
                    "verify",
                    "-x509_strict",
                    "-purpose",
                    "sslserver",
                    "-CAfile",
                    "ec-ca.crt",
                    "server.crt")
                .output())
        .isEqualTo("server.crt: OK\n");
  }

  @Test
  void serverTlsFilesVerify() throws Exception {
    ServerTls.ensure(dir.resolve("tls"), "depot.example");

    Run run =
        openssl(
            "verify",
            "-x509_strict",
            "-purpose",
            "sslserver",
            "-CAfile",
            "tls/ca.crt",
            "tls/server.crt");
    String text =
        openssl("x509", "-noout", "-ext", "subjectAltName", "-in", "tls/server.crt").output();

    assertThat(run.output()).isEqualTo("tls/server.crt: OK\n");
    assertThat(text).contains("DNS:localhost, DNS:depot.example, IP Address:127.0.0.1");
  }

  private record Run(int exit, String output) {}

  private Run openssl(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(OPENSSL.toString()));
    command.addAll(List.of(arguments));
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(process.waitFor(), output);
  }

  private void write(String name, IssuedCertificate issued) throws IOException {
    Files.writeString(dir.resolve(name + ".crt"), issued.certificatePem());
    Files.writeString(dir.resolve(name + ".key"), issued.privateKeyPem());
  }

  private static String after(String regex, String text) {
    Matcher matcher = Pattern.compile(regex).matcher(text);
    assertThat(matcher.find()).as(regex).isTrue();
    return matcher.group(1);
  }

  private static String[] concat(String[] head, String... tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }
}
