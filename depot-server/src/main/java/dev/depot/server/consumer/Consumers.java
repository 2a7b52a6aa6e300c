package dev.depot.server.consumer;

import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.DuplicateResource;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.repo.Configs;
import dev.depot.server.repo.Ids;
import dev.depot.server.tls.CertificateAuthority;
import dev.depot.server.tls.CertificateFingerprint;
import dev.depot.server.tls.IssuedCertificate;
import java.security.cert.X509Certificate;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumers: register (issuing the certificate that authenticates the consumer), read, search,
 * update, unregister. Each change lands in the consumer's history in the same transaction.
 */
public final class Consumers {
  private static final Logger LOG = LoggerFactory.getLogger(Consumers.class);

  /** Pulp's {@code consumer_cert_expiration} default. */
  private static final Duration CERT_VALIDITY = Duration.ofDays(3650);

  private static final java.util.Set<String> RESERVED = java.util.Set.of("search", "binding");

  private final Jdbi jdbi;
  private final ConsumerHistory history;
  private final Supplier<CertificateAuthority> ca;

  /**
   * @param jdbi the database
   * @param history where registrations and unregistrations are recorded
   * @param ca the server's CA, which issues consumer certificates and is asked for lazily (a server
   *     with its own TLS files may have no CA key, and then cannot register consumers)
   */
  public Consumers(Jdbi jdbi, ConsumerHistory history, Supplier<CertificateAuthority> ca) {
    this.jdbi = jdbi;
    this.history = history;
    this.ca = ca;
  }

  /**
   * A registered consumer and its credentials.
   *
   * @param consumer the stored consumer
   * @param certificate the issued certificate and its key
   */
  public record Registration(ConsumerRecord consumer, IssuedCertificate certificate) {}

  /** Registers a consumer and issues its certificate (CN = the consumer id). */
  public Registration register(NewConsumer request, String originator) {
    String id = Ids.check("id", "consumer", request.id());
    if (RESERVED.contains(id)) {
      // These name API paths beside the consumers (/consumers/search/, /consumers/binding/).
      throw InvalidValue.coded("PLP1003", "Consumer ID " + id + " is reserved", "id");
    }
    IssuedCertificate certificate = ca.get().issueClient(id, CERT_VALIDITY);
    ConsumerRecord consumer =
        new ConsumerRecord(
            id,
            ObjectIds.next(),
            request.displayName() == null ? id : request.displayName(),
            request.description(),
            withoutNulls(request.notes()),
            request.rsaPub(),
            CertificateFingerprint.sha256(certificate.certificate()),
            Timestamps.now());
    jdbi.useTransaction(
        h -> {
          if (find(h, id).isPresent()) {
            throw new DuplicateResource("consumer", id);
          }
          try {
            h.createUpdate(
                    "INSERT INTO consumers (consumer_id, oid, display_name, description, notes,"
                        + " rsa_pub, cert_sha256, created) VALUES (:id, :oid, :name, :description,"
                        + " :notes, :rsaPub, :sha, :created)")
                .bind("id", id)
                .bind("oid", consumer.oid())
                .bind("name", consumer.displayName())
                .bind("description", consumer.description())
                .bind("notes", Json.write(consumer.notes()))
                .bind("rsaPub", consumer.rsaPub())
                .bind("sha", consumer.certSha256())
                .bind("created", Timestamps.arg(consumer.created()))
                .execute();
          } catch (UnableToExecuteStatementException e) {
            // Two registrations of one id at once: the loser sees the primary key refuse it.
            if (e.getCause() instanceof java.sql.SQLException sql
                && "23505".equals(sql.getSQLState())) {
              throw new DuplicateResource("consumer", id);
            }
            throw e;
          }
          history.record(h, id, "registered", originator, null);
        });
    LOG.info("Registered consumer {}", id);
    return new Registration(consumer, certificate);
  }

  /** One consumer (404 if not registered). */
  public ConsumerRecord get(String id) {
    return jdbi.withHandle(h -> require(h, id));
  }

  static ConsumerRecord require(Handle h, String id) {
    return find(h, id).orElseThrow(() -> MissingResource.of("consumer", id));
  }

  static Optional<ConsumerRecord> find(Handle h, String id) {
    return h.createQuery("SELECT * FROM consumers WHERE consumer_id = :id")
        .bind("id", id)
        .map((rs, ctx) -> consumer(rs))
        .findOne();
  }

  /** Every consumer, by id. */
  public List<ConsumerRecord> list() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT * FROM consumers ORDER BY consumer_id")
                .map((rs, ctx) -> consumer(rs))
                .list());
  }

  /** Applies a delta: display name, description, notes (a null note value removes the note). */
  public ConsumerRecord update(
      String id, String displayName, String description, Map<String, Object> notes) {
    jdbi.useTransaction(
        h -> {
          ConsumerRecord current = require(h, id);
          Map<String, Object> merged =
              notes == null ? current.notes() : Configs.merge(current.notes(), notes);
          h.createUpdate(
                  "UPDATE consumers SET display_name = :name, description = :description,"
                      + " notes = :notes WHERE consumer_id = :id")
              .bind("id", id)
              .bind("name", displayName == null ? current.displayName() : displayName)
              .bind("description", description == null ? current.description() : description)
              .bind("notes", Json.write(merged))
              .execute();
        });
    return get(id);
  }

  /**
   * Unregisters a consumer: its bindings go (each recorded as unbound), then the consumer; its
   * certificate stops authenticating at once because no stored fingerprint matches it any more.
   */
  public void unregister(String id, String originator) {
    jdbi.useTransaction(
        h -> {
          require(h, id);
          for (BindingRecord binding : Bindings.ofConsumer(h, id)) {
            Bindings.delete(h, binding, originator, history);
          }
          h.createUpdate("DELETE FROM consumers WHERE consumer_id = :id").bind("id", id).execute();
          history.record(h, id, "unregistered", originator, null);
        });
    LOG.info("Unregistered consumer {}", id);
  }

  /** The consumer whose current certificate this is, if any. */
  public Optional<ConsumerRecord> byCertificate(String id, X509Certificate certificate) {
    String sha = CertificateFingerprint.sha256(certificate);
    return jdbi.withHandle(h -> find(h, id)).filter(c -> c.certSha256().equals(sha));
  }

  private static Map<String, Object> withoutNulls(Map<String, Object> notes) {
    Map<String, Object> result = new LinkedHashMap<>();
    if (notes != null) {
      notes.forEach(
          (k, v) -> {
            if (v != null) {
              result.put(k, v);
            }
          });
    }
    return result;
  }

  static ConsumerRecord consumer(ResultSet rs) throws SQLException {
    Instant created = Timestamps.read(rs, "created");
    return new ConsumerRecord(
        rs.getString("consumer_id"),
        rs.getString("oid"),
        rs.getString("display_name"),
        rs.getString("description"),
        Json.readMap(rs.getString("notes")),
        rs.getString("rsa_pub"),
        rs.getString("cert_sha256"),
        created);
  }
}
