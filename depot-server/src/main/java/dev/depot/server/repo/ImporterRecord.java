package dev.depot.server.repo;

import java.time.Instant;
import java.util.Map;

/**
 * A repository's stored importer.
 *
 * @param repoId the repository
 * @param oid its 24-hex object id
 * @param typeId the importer type id
 * @param config the stored (repository-level) config
 * @param scratchpad the importer's scratchpad, null if never set
 * @param lastSync when the repository last synced successfully
 * @param lastUpdated when the config last changed
 */
public record ImporterRecord(
    String repoId,
    String oid,
    String typeId,
    Map<String, Object> config,
    Map<String, Object> scratchpad,
    Instant lastSync,
    Instant lastUpdated) {}
