package dev.depot.server.history;

import java.time.Instant;

/**
 * One sync or publish as recorded in a repository's history.
 *
 * @param oid the entry's id
 * @param repoId the repository
 * @param pluginId the importer type id (sync) or distributor id (publish)
 * @param pluginTypeId the plugin type id
 * @param started when it started
 * @param completed when it ended
 * @param result {@code success}, {@code failed}, {@code error}, {@code canceled} or {@code skipped}
 * @param errorMessage why it failed, or null
 * @param traceback operator detail, or null
 * @param added units added (sync only), or null
 * @param updated units updated (sync only), or null
 * @param removed units removed (sync only), or null
 * @param summary the plugin's summary
 * @param details the plugin's details
 */
public record HistoryEntry(
    String oid,
    String repoId,
    String pluginId,
    String pluginTypeId,
    Instant started,
    Instant completed,
    String result,
    String errorMessage,
    String traceback,
    Long added,
    Long updated,
    Long removed,
    Object summary,
    Object details) {}
