package dev.depot.server.repo;

import java.util.Map;

/**
 * A request to attach a distributor to a repository.
 *
 * @param typeId the distributor type id
 * @param config its repository-level config (null values are dropped)
 * @param autoPublish whether a successful sync publishes it
 * @param id the distributor id, or null to generate one
 */
public record NewDistributor(
    String typeId, Map<String, Object> config, boolean autoPublish, String id) {}
