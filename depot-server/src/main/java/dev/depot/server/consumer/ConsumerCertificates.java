package dev.depot.server.consumer;

import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Supplier;
import javax.security.auth.x500.X500Principal;

/**
 * Recognises a consumer by the TLS client certificate it presents: valid today, signed by the
 * server's CA, CN naming a registered consumer, and the very certificate issued at its registration
 * (so the certificate of an unregistered, or re-registered, consumer no longer works).
 */
public final class ConsumerCertificates {
  private final Supplier<X509Certificate> ca;
  private final Consumers consumers;

  /**
   * @param ca the server CA's certificate
   * @param consumers the registered consumers
   */
  public ConsumerCertificates(Supplier<X509Certificate> ca, Consumers consumers) {
    this.ca = ca;
    this.consumers = consumers;
  }

  /** The consumer this chain authenticates, if any. */
  public Optional<String> consumer(X509Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return Optional.empty();
    }
    X509Certificate client = chain[0];
    try {
      client.checkValidity();
      client.verify(ca.get().getPublicKey());
    } catch (GeneralSecurityException e) {
      return Optional.empty();
    }
    return commonName(client.getSubjectX500Principal())
        .flatMap(id -> consumers.byCertificate(id, client))
        .map(ConsumerRecord::id);
  }

  private static Optional<String> commonName(X500Principal subject) {
    // Depot issues consumer certificates with a CN only, and consumer ids need no escaping.
    for (String part : subject.getName(X500Principal.RFC2253).split(",")) {
      if (part.regionMatches(true, 0, "CN=", 0, 3)) {
        return Optional.of(part.substring(3));
      }
    }
    return Optional.empty();
  }
}
