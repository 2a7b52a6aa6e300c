package dev.depot.server.task;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A stored task.
 *
 * @param taskId its UUID
 * @param oid its 24-hex object id
 * @param type the task type, e.g. {@code pulp.server.managers.repo.sync.sync}
 * @param state the current state
 * @param resource the reserved resource, or null
 * @param tags e.g. {@code pulp:repository:zoo}, {@code pulp:action:sync}
 * @param args what the operation needs (JSON object)
 * @param workerName the worker that claimed it
 * @param progressReport latest progress, keyed by reporter
 * @param result the JSON-able result, or null
 * @param error Pulp's error object, or null
 * @param traceback failure text for operators, or null
 * @param spawnedTasks ids of tasks this one queued
 * @param cancelRequested whether a cancel was asked while it ran
 * @param queuedTime when it was queued
 * @param startTime when it started
 * @param finishTime when it completed
 * @param groupId the task group it belongs to, or null
 */
public record TaskRecord(
    String taskId,
    String oid,
    String type,
    TaskState state,
    String resource,
    List<String> tags,
    Map<String, Object> args,
    String workerName,
    Map<String, Object> progressReport,
    Object result,
    Map<String, Object> error,
    String traceback,
    List<String> spawnedTasks,
    boolean cancelRequested,
    Instant queuedTime,
    Instant startTime,
    Instant finishTime,
    String groupId) {}
