package dev.depot.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SignatureException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateAuthorityTest {
  private static final Duration YEAR = Duration.ofDays(365);
  private static final CertificateAuthority CA = CertificateAuthority.create("Test CA", YEAR);

  @TempDir Path dir;

  @Test
  void caCertificateIsSelfSignedAndMaySignCertificatesOnly() throws Exception {
    X509Certificate ca = reparse(CA.certificate());

    ca.verify(CA.keyPair().getPublic());
    assertThat(ca.getVersion()).isEqualTo(3);
    assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=Test CA");
    assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE); // CA, no path length
    assertThat(setBits(ca.getKeyUsage())).containsExactly(5, 6); // keyCertSign, cRLSign
    assertThat(ca.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
    assertThat(ca.getExtensionValue("2.5.29.14")).isNotNull();
    assertThat(ca.getSigAlgName()).isEqualTo("SHA256withRSA");
  }

  @Test
  void serverCertificateNamesItsHostsAndServesTlsServersOnly() throws Exception {
    IssuedCertificate issued =
        CA.issueServer(
            "depot.example",
            List.of("localhost", "depot.example"),
            List.of("127.0.0.1", "::1"),
            YEAR);
    X509Certificate server = reparse(issued.certificate());

    server.verify(CA.keyPair().getPublic());
    assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=depot.example");
    assertThat(server.getIssuerX500Principal())
        .isEqualTo(CA.certificate().getSubjectX500Principal());
    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "localhost"),
            List.of(2, "depot.example"),
            List.of(7, "127.0.0.1"),
            List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(server.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(setBits(server.getKeyUsage())).containsExactly(0, 2); // digitalSignature, keyEnc.
    assertThat(server.getPublicKey()).isNotEqualTo(CA.keyPair().getPublic());
    assertThat(issued.chain()).containsExactly(issued.certificate(), CA.certificate());
  }

  @Test
  void authorityKeyIdentifierNamesTheCaKey() {
    X509Certificate server = CA.issueClient("someone", YEAR).certificate();
    byte[] caKeyId = CA.certificate().getExtensionValue("2.5.29.14"); // OCTET STRING{OCTET STRING}
    byte[] authorityKeyId = server.getExtensionValue("2.5.29.35"); // OCTET STRING{SEQ{[0] id}}

    assertThat(tail(authorityKeyId, 20)).isEqualTo(tail(caKeyId, 20));
    assertThat(server.getExtensionValue("2.5.29.14")).isNotEqualTo(caKeyId);
  }

  @Test
  void clientCertificateServesTlsClientsAndHasNoNames() throws Exception {
    X509Certificate client = reparse(CA.issueClient("consumer-42", YEAR).certificate());

    client.verify(CA.keyPair().getPublic());
    assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=consumer-42");
    assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    assertThat(client.getSubjectAlternativeNames()).isNull();
    assertThat(client.getBasicConstraints()).isEqualTo(-1);
  }

  @Test
  void pkixValidatesIssuedCertificatesAgainstTheCaAlone() throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(CA.certificate(), null)));
    parameters.setRevocationEnabled(false);
    CertificateFactory factory = CertificateFactory.getInstance("X.509");
    X509Certificate server = CA.issueServer("s", List.of("s"), List.of(), YEAR).certificate();

    CertPathValidator.getInstance("PKIX")
        .validate(factory.generateCertPath(List.of(server)), parameters);
  }

  @Test
  void anotherCaDidNotSignTheCertificate() {
    CertificateAuthority other = CertificateAuthority.create("Other CA", YEAR);
    X509Certificate server = CA.issueClient("c", YEAR).certificate();

    assertThatThrownBy(() -> server.verify(other.keyPair().getPublic()))
        .isInstanceOf(SignatureException.class);
  }

  @Test
  void validityStartsJustBeforeNowAndLastsAsAsked() throws Exception {
    Instant before = Instant.now();
    X509Certificate client = CA.issueClient("c", Duration.ofDays(30)).certificate();
    Instant after = Instant.now();

    client.checkValidity();
    assertThat(client.getNotBefore().toInstant())
        .isBefore(before)
        .isAfter(before.minus(Duration.ofHours(2)));
    assertThat(client.getNotAfter().toInstant())
        .isBetween(
            before.plus(Duration.ofDays(30)).minusSeconds(1), after.plus(Duration.ofDays(30)));
  }

  @Test
  void validityBeyond2049IsWrittenAsGeneralizedTime() throws Exception {
    X509Certificate longLived =
        reparse(CA.issueClient("c", Duration.ofDays(365 * 40)).certificate());

    assertThat(longLived.getNotAfter().toInstant().atZone(ZoneOffset.UTC).getYear())
        .isGreaterThan(2049);
  }

  @Test
  void serialNumbersAreRandomPositiveSixteenBytes() {
    BigInteger first = CA.issueClient("c", YEAR).certificate().getSerialNumber();
    BigInteger second = CA.issueClient("c", YEAR).certificate().getSerialNumber();

    assertThat(first.signum()).isEqualTo(1);
    assertThat(first.toByteArray()).hasSize(16);
    assertThat(CA.certificate().getSerialNumber().toByteArray()).hasSize(16);
    assertThat(second).isNotEqualTo(first);
  }

  @Test
  void serverCertificateRefusesNamesAsIpAddressesAndNeedsSomeName() {
    assertThatThrownBy(() -> CA.issueServer("s", List.of(), List.of("depot.example"), YEAR))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an IP address");
    assertThatThrownBy(() -> CA.issueServer("s", List.of(), List.of(), YEAR))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void savedCaLoadsWithTheSameCertificateAndKey() throws Exception {
    Path cert = dir.resolve("ca.crt");
    Path key = dir.resolve("ca.key");
    CA.save(cert, key);

    CertificateAuthority loaded = CertificateAuthority.load(cert, key);

    assertThat(loaded.certificate()).isEqualTo(CA.certificate());
    assertThat(loaded.keyPair().getPrivate().getEncoded())
        .isEqualTo(CA.keyPair().getPrivate().getEncoded());
    assertThat(Files.readString(key)).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert)))
        .isEqualTo("rw-r--r--");
    loaded.issueClient("c", YEAR).certificate().verify(CA.keyPair().getPublic());
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsRefused() throws Exception {
    CA.save(dir.resolve("ca.crt"), dir.resolve("ca.key"));
    CertificateAuthority.create("Other", YEAR).save(dir.resolve("o.crt"), dir.resolve("o.key"));

    assertThatThrownBy(() -> CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("o.key")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("does not fit");
  }

  @Test
  void savingAgainReplacesTheFilesAndLeavesNoTemporaryFiles() throws Exception {
    CertificateAuthority.create("Old", YEAR).save(dir.resolve("ca.crt"), dir.resolve("ca.key"));
    CA.save(dir.resolve("ca.crt"), dir.resolve("ca.key"));

    assertThat(
            CertificateAuthority.load(dir.resolve("ca.crt"), dir.resolve("ca.key")).certificate())
        .isEqualTo(CA.certificate());
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("ca.crt", "ca.key");
    }
  }

  @Test
  void issuedPemAndKeyStoreHoldTheKeyAndChain() throws Exception {
    IssuedCertificate issued = CA.issueClient("c", YEAR);
    char[] password = "secret".toCharArray();

    var store = issued.toKeyStore("client", password);

    assertThat(store.getType()).isEqualTo("PKCS12");
    assertThat(store.getCertificateChain("client"))
        .containsExactly(issued.certificate(), CA.certificate());
    assertThat(store.getKey("client", password).getEncoded())
        .isEqualTo(issued.privateKey().getEncoded());
    assertThat(issued.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
    assertThat(issued.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----\n");
  }

  private static X509Certificate reparse(X509Certificate certificate) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(certificate.getEncoded()));
  }

  private static List<Integer> setBits(boolean[] bits) {
    return IntStream.range(0, bits.length).filter(i -> bits[i]).boxed().toList();
  }

  private static byte[] tail(byte[] bytes, int length) {
    return Arrays.copyOfRange(bytes, bytes.length - length, bytes.length);
  }
}
