package dev.depot.server.repo;

import java.util.Map;

/**
 * A repository update, applied whole or not at all.
 *
 * @param displayName new display name, or null to keep it
 * @param description new description, or null to keep it
 * @param notes note changes (a null value removes a note), or null
 * @param importerConfig importer config changes, or null
 * @param distributorConfigs distributor id to config changes, or null
 */
public record RepositoryChanges(
    String displayName,
    String description,
    Map<String, Object> notes,
    Map<String, Object> importerConfig,
    Map<String, Map<String, Object>> distributorConfigs) {}
