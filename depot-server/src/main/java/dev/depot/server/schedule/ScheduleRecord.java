package dev.depot.server.schedule;

import java.time.Instant;
import java.util.Map;

/**
 * A stored schedule of syncs (for an importer) or publishes (for a distributor).
 *
 * @param id its 24-hex id
 * @param kind {@code sync} or {@code publish}
 * @param repoId the repository
 * @param pluginId the importer type id (sync) or distributor id (publish)
 * @param schedule the ISO 8601 interval text
 * @param overrideConfig the override config each run gets
 * @param enabled whether it fires
 * @param failureThreshold consecutive failures after which it disables itself, or null
 * @param consecutiveFailures failures since the last success
 * @param remainingRuns runs left, or null for no limit
 * @param firstRun the first run
 * @param lastRunAt when it last fired
 * @param nextRun when it fires next, or null when no run is left
 * @param totalRunCount how often it fired
 * @param lastUpdated when it was last changed
 */
public record ScheduleRecord(
    String id,
    String kind,
    String repoId,
    String pluginId,
    String schedule,
    Map<String, Object> overrideConfig,
    boolean enabled,
    Integer failureThreshold,
    int consecutiveFailures,
    Integer remainingRuns,
    Instant firstRun,
    Instant lastRunAt,
    Instant nextRun,
    int totalRunCount,
    Instant lastUpdated) {}
