package dev.depot.server.auth;

import dev.depot.server.db.Timestamps;
import dev.depot.server.tls.CertificateAuthority;
import dev.depot.server.tls.CertificateFingerprint;
import dev.depot.server.tls.IssuedCertificate;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;

/**
 * Pulp's login certificates: {@code POST /actions/login/} issues a user a key and a certificate
 * from the server's CA, which then authenticates that user over HTTPS (as pulp-admin uses them)
 * until it expires or the user is deleted. Only certificates recorded at issue count, so one the CA
 * signed for another purpose (a consumer's) never passes as a user.
 */
public final class UserCertificates {
  private final Jdbi jdbi;
  private final Supplier<CertificateAuthority> ca;
  private final Duration validity;

  /**
   * @param jdbi the database
   * @param ca the server's CA, loaded when first needed
   * @param validity how long a certificate is valid (Pulp's {@code user_cert_expiration})
   */
  public UserCertificates(Jdbi jdbi, Supplier<CertificateAuthority> ca, Duration validity) {
    this.jdbi = jdbi;
    this.ca = ca;
    this.validity = validity;
  }

  /** Issues and records a certificate for the user. */
  public IssuedCertificate issue(String login) {
    IssuedCertificate issued = ca.get().issueClient(login, validity);
    Instant expires = issued.certificate().getNotAfter().toInstant();
    jdbi.useTransaction(
        h -> {
          // Expired ones are dropped here, so the table holds only what can still log in.
          h.createUpdate("DELETE FROM user_certificates WHERE expires < :now")
              .bind("now", Timestamps.arg(Timestamps.now()))
              .execute();
          h.createUpdate(
                  "INSERT INTO user_certificates (cert_sha256, login, expires)"
                      + " VALUES (:sha, :login, :expires)")
              .bind("sha", CertificateFingerprint.sha256(issued.certificate()))
              .bind("login", login)
              .bind("expires", Timestamps.arg(expires))
              .execute();
        });
    return issued;
  }

  /** The user a TLS client chain authenticates: a valid certificate issued at a login. */
  public Optional<String> user(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return Optional.empty();
    }
    X509Certificate client = chain[0];
    try {
      client.checkValidity();
      client.verify(ca.get().certificate().getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
    String sha = CertificateFingerprint.sha256(client);
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT login FROM user_certificates WHERE cert_sha256 = :sha")
                .bind("sha", sha)
                .mapTo(String.class)
                .findOne());
  }
}
