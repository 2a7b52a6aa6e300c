package dev.depot.server.repo;

import java.util.List;
import java.util.Map;

/**
 * A request to create a repository, optionally with its importer and distributors; all of it is
 * created or none of it.
 *
 * @param id the repository id
 * @param displayName human name, defaults to the id
 * @param description free text or null
 * @param notes user notes
 * @param importer the importer, or null
 * @param distributors the distributors, possibly empty
 */
public record NewRepository(
    String id,
    String displayName,
    String description,
    Map<String, Object> notes,
    NewImporter importer,
    List<NewDistributor> distributors) {}
