package dev.depot.server.consumer;

import java.util.Map;

/**
 * A registration request.
 *
 * @param id the requested id (checked against {@code ^[A-Za-z0-9_\-.]+$})
 * @param displayName the display name, or null for the id
 * @param description free text, or null
 * @param notes notes, or null
 * @param rsaPub the consumer's RSA public key (PEM), or null
 */
public record NewConsumer(
    Object id, String displayName, String description, Map<String, Object> notes, String rsaPub) {}
