package dev.depot.server.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** Real JSSE handshakes with certificates from the CA, as an HTTPS client would make them. */
class TlsHandshakeTest {
  private static final Duration DAY = Duration.ofDays(1);
  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final CertificateAuthority CA = CertificateAuthority.create("Handshake CA", DAY);
  private static final IssuedCertificate SERVER =
      CA.issueServer("localhost", List.of("localhost"), List.of("127.0.0.1", "::1"), DAY);

  @Test
  void clientTrustingOnlyTheCaAcceptsTheServerByName() throws Exception {
    Handshake.Outcome outcome =
        Handshake.run(
            server(SERVER), false, Handshake.context(null, null, CA.certificate()), "localhost");

    assertThat(outcome.client()).isNull();
    assertThat(outcome.server()).isNull();
  }

  @Test
  void clientAcceptsTheServerByIpAddress() throws Exception {
    Handshake.Outcome outcome =
        Handshake.run(
            server(SERVER), false, Handshake.context(null, null, CA.certificate()), "127.0.0.1");

    assertThat(outcome.succeeded()).isTrue();
  }

  @Test
  void clientRefusesAServerCertificateForAnotherName() throws Exception {
    IssuedCertificate elsewhere = CA.issueServer("other", List.of("other.example"), List.of(), DAY);

    Handshake.Outcome outcome =
        Handshake.run(
            server(elsewhere), false, Handshake.context(null, null, CA.certificate()), "localhost");

    assertThat(outcome.client())
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("localhost");
  }

  @Test
  void clientWithoutTheCaRefusesTheServer() throws Exception {
    Handshake.Outcome outcome =
        Handshake.run(server(SERVER), false, Handshake.context(null, null), "localhost");

    assertThat(outcome.client())
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("certification path");
  }

  @Test
  void serverDemandingClientCertificatesAcceptsOneFromItsCa() throws Exception {
    IssuedCertificate consumer = CA.issueClient("consumer-1", DAY);
    SSLContext client =
        Handshake.context(consumer.toKeyStore("me", PASSWORD), PASSWORD, CA.certificate());

    Handshake.Outcome outcome = Handshake.run(server(SERVER), true, client, "localhost");

    assertThat(outcome.succeeded()).isTrue();
    assertThat(outcome.clientSeenByServer()).isEqualTo("CN=consumer-1");
  }

  @Test
  void serverDemandingClientCertificatesRefusesOneFromAnotherCa() throws Exception {
    IssuedCertificate stranger =
        CertificateAuthority.create("Stranger CA", DAY).issueClient("stranger", DAY);
    SSLContext client = Handshake.pushyClient(stranger, CA.certificate());

    Handshake.Outcome outcome = Handshake.run(server(SERVER), true, client, "localhost");

    assertThat(outcome.server())
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("certification path");
    assertThat(outcome.client()).isNotNull();
  }

  @Test
  void serverCertificateCannotActAsAClientCertificate() throws Exception {
    // Same CA, but the extended key usage says serverAuth: a server must not take it as a client.
    SSLContext client = Handshake.pushyClient(SERVER, CA.certificate());

    Handshake.Outcome outcome = Handshake.run(server(SERVER), true, client, "localhost");

    assertThat(outcome.server())
        .isInstanceOf(SSLHandshakeException.class)
        .hasStackTraceContaining("Extended key usage");
  }

  private static SSLContext server(IssuedCertificate identity) throws Exception {
    return Handshake.context(identity.toKeyStore("server", PASSWORD), PASSWORD, CA.certificate());
  }
}
