package dev.depot.server.consumer;

import java.time.Instant;
import java.util.Map;

/**
 * A registered consumer: a client machine that binds to distributors.
 *
 * @param id the consumer id, also its certificate's CN
 * @param oid its 24-hex object id
 * @param displayName the display name (defaults to the id)
 * @param description free text, or null
 * @param notes key-value notes
 * @param rsaPub the consumer's RSA public key (PEM) as it registered it, or null
 * @param certSha256 hex SHA-256 of the certificate issued at registration
 * @param created when it registered
 */
public record ConsumerRecord(
    String id,
    String oid,
    String displayName,
    String description,
    Map<String, Object> notes,
    String rsaPub,
    String certSha256,
    Instant created) {}
