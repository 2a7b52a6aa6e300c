package dev.depot.server.repo;

import java.util.Map;

/**
 * A request to give a repository its importer.
 *
 * @param typeId the importer type id
 * @param config its repository-level config (null values are dropped)
 */
public record NewImporter(String typeId, Map<String, Object> config) {}
