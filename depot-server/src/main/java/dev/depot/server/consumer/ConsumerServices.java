package dev.depot.server.consumer;

/**
 * The consumer capabilities the API serves, wired together once.
 *
 * @param consumers registration and consumer records
 * @param bindings bindings and their payloads
 * @param history consumer history
 * @param certificates recognises consumers by their TLS client certificates
 * @param profiles unit profiles and applicability
 */
public record ConsumerServices(
    Consumers consumers,
    Bindings bindings,
    ConsumerHistory history,
    ConsumerCertificates certificates,
    ConsumerProfiles profiles) {}
