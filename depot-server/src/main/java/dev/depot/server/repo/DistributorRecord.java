package dev.depot.server.repo;

import dev.depot.plugin.PublishedLocation;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A distributor attached to a repository.
 *
 * @param repoId the repository
 * @param id the distributor id, unique within the repository
 * @param oid its 24-hex object id
 * @param typeId the distributor type id
 * @param config the stored (repository-level) config
 * @param autoPublish whether a successful sync publishes it
 * @param scratchpad the distributor's scratchpad, null if never set
 * @param lastPublish when it last published successfully
 * @param lastUpdated when the config last changed
 * @param published where its last successful publish can be reached, as it reported; null if it
 *     never reported
 */
public record DistributorRecord(
    String repoId,
    String id,
    String oid,
    String typeId,
    Map<String, Object> config,
    boolean autoPublish,
    Map<String, Object> scratchpad,
    Instant lastPublish,
    Instant lastUpdated,
    List<PublishedLocation> published) {}
