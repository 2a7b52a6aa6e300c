package dev.depot.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemFilesTest {
  private static final CertificateAuthority CA =
      CertificateAuthority.create("Pem CA", Duration.ofDays(1));

  @TempDir Path dir;

  @Test
  void aChainReadsBackInOrder() throws Exception {
    IssuedCertificate issued = CA.issueClient("c", Duration.ofDays(1));
    PemFiles.writeCertificates(dir.resolve("chain.pem"), issued.chain());

    assertThat(PemFiles.readCertificates(dir.resolve("chain.pem")))
        .containsExactly(issued.certificate(), CA.certificate());
  }

  @Test
  void aKeyReadsBackEqual() throws Exception {
    PemFiles.writePrivateKey(dir.resolve("sub/dir/key.pem"), CA.keyPair().getPrivate());

    assertThat(PemFiles.readPrivateKey(dir.resolve("sub/dir/key.pem")))
        .isEqualTo(CA.keyPair().getPrivate());
  }

  @Test
  void linesAreSixtyFourCharactersAsOpensslWritesThem() {
    String pem = PemFiles.encodeCertificates(List.of(CA.certificate()));

    assertThat(pem.lines().filter(line -> !line.startsWith("-----")))
        .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
    assertThat(pem.lines().skip(1).findFirst().orElseThrow()).hasSize(64);
  }

  @Test
  void filesWithoutTheWantedBlockAreRefused() throws Exception {
    Files.writeString(
        dir.resolve("cert.pem"), PemFiles.encodeCertificates(List.of(CA.certificate())));
    Files.writeString(
        dir.resolve("junk.pem"), "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");

    assertThatThrownBy(() -> PemFiles.readPrivateKey(dir.resolve("cert.pem")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("no PRIVATE KEY");
    assertThatThrownBy(() -> PemFiles.readCertificates(dir.resolve("junk.pem")))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("not a valid PEM certificate");
  }
}
