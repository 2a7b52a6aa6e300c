package dev.depot.publish.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  @TempDir Path dir;

  @Test
  void certificatesExportedByKeytoolParseAloneOrChained() throws Exception {
    Pems ec = Pems.generate(dir, "EC");
    Pems rsa = Pems.generate(dir, "RSA");

    assertThat(Pem.isCertificates(ec.certificate())).isTrue();
    assertThat(Pem.isCertificates(ec.certificate() + rsa.certificate())).isTrue();
  }

  @Test
  void textThatIsNotACertificateIsRefused() throws Exception {
    String bogus = Pems.pem("CERTIFICATE", "not a certificate at all".getBytes());

    assertThat(Pem.isCertificates(bogus)).isFalse();
    assertThat(Pem.isCertificates("hello")).isFalse();
    assertThat(Pem.isCertificates(Pems.generate(dir).privateKey())).isFalse();
  }

  @Test
  void pkcs8KeysParse() throws Exception {
    assertThat(Pem.isPrivateKey(Pems.generate(dir, "EC").privateKey())).isTrue();
    assertThat(Pem.isPrivateKey(Pems.generate(dir, "RSA").privateKey())).isTrue();
  }

  @Test
  void traditionalRsaKeyFromOpensslParses() throws Exception {
    assumeTrue(Pems.opensslAvailable(), "openssl not installed");
    String key = Pems.openssl(dir, "genrsa", "-traditional", "2048");

    assertThat(key).contains("BEGIN RSA PRIVATE KEY");
    assertThat(Pem.isPrivateKey(key)).isTrue();
  }

  @Test
  void traditionalEcKeyFromOpensslParsesWithOrWithoutItsParametersBlock() throws Exception {
    assumeTrue(Pems.opensslAvailable(), "openssl not installed");
    String withParameters = Pems.openssl(dir, "ecparam", "-name", "prime256v1", "-genkey");
    String keyOnly = Pems.openssl(dir, "ecparam", "-name", "secp384r1", "-genkey", "-noout");

    assertThat(withParameters).contains("BEGIN EC PARAMETERS").contains("BEGIN EC PRIVATE KEY");
    assertThat(Pem.isPrivateKey(withParameters)).isTrue();
    assertThat(Pem.isPrivateKey(keyOnly)).isTrue();
  }

  @Test
  void aTraditionalHeaderOverBytesThatAreNoKeyIsRefused() {
    byte[] sequence = {0x30, 0x03, 0x02, 0x01, 0x00};

    assertThat(Pem.isPrivateKey(Pems.pem("RSA PRIVATE KEY", sequence))).isFalse();
    assertThat(Pem.isPrivateKey(Pems.pem("EC PRIVATE KEY", sequence))).isFalse();
    assertThat(Pem.isPrivateKey(Pems.pem("RSA PRIVATE KEY", new byte[40]))).isFalse();
    assertThat(Pem.isPrivateKey(Pems.pem("PRIVATE KEY", "secret-key-material".getBytes())))
        .isFalse();
  }

  @Test
  void encryptedTwoOrNoKeysAreRefused() throws Exception {
    Pems pems = Pems.generate(dir);
    String encrypted =
        "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
            + Base64.getEncoder().encodeToString(new byte[64])
            + "\n-----END RSA PRIVATE KEY-----\n";

    assertThat(Pem.isPrivateKey(encrypted)).isFalse();
    assertThat(Pem.isPrivateKey(Pems.pem("ENCRYPTED PRIVATE KEY", new byte[64]))).isFalse();
    assertThat(Pem.isPrivateKey(pems.privateKey() + pems.privateKey())).isFalse();
    assertThat(Pem.isPrivateKey(pems.certificate())).isFalse();
    assertThat(Pem.isPrivateKey("")).isFalse();
  }

  @Test
  void oneFileHoldingKeyAndCertificateServesAsEither() throws Exception {
    Pems pems = Pems.generate(dir);
    String both = "Bag Attributes: friendlyName: t\n" + pems.privateKey() + pems.certificate();

    assertThat(Pem.readPrivateKey(both).getAlgorithm()).isEqualTo("EC");
    assertThat(Pem.readCertificates(both)).hasSize(1);
    java.security.PrivateKey ed448 = Pem.readPrivateKey(Pems.generate(dir, "Ed448").privateKey());
    assertThat(((java.security.interfaces.EdECPrivateKey) ed448).getParams().getName())
        .isEqualTo("Ed448");
  }

  @Test
  void whatIsWrongIsSaidWithoutQuotingTheKey() throws Exception {
    Pems pems = Pems.generate(dir);
    String encrypted = Pems.pem("ENCRYPTED PRIVATE KEY", new byte[64]);

    assertThatThrownBy(() -> Pem.readPrivateKey(pems.certificate()))
        .isInstanceOf(InvalidPemException.class)
        .hasMessage("no PRIVATE KEY block");
    assertThatThrownBy(() -> Pem.readPrivateKey(encrypted))
        .hasMessageContaining("encrypted keys are not supported");
    assertThatThrownBy(() -> Pem.readPrivateKey(pems.privateKey() + pems.privateKey()))
        .hasMessageContaining("more than one private key");
    assertThatThrownBy(() -> Pem.readCertificates(pems.privateKey()))
        .hasMessage("no CERTIFICATE block");
    assertThatThrownBy(() -> Pem.readCertificates(Pems.pem("CERTIFICATE", new byte[3])))
        .hasMessageStartingWith("not a valid PEM certificate");
  }
}
