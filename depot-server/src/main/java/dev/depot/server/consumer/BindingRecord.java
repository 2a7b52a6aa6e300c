package dev.depot.server.consumer;

import java.time.Instant;
import java.util.Map;

/**
 * A consumer bound to one distributor of a repository.
 *
 * @param consumerId the consumer
 * @param repoId the repository
 * @param distributorId the distributor within it
 * @param oid the binding's 24-hex object id
 * @param notifyAgent whether the consumer's agent should be told (kept as Pulp does; no agent runs)
 * @param bindingConfig the consumer's binding options, handed to the distributor's payload
 * @param created when it was bound (or last rebound)
 */
public record BindingRecord(
    String consumerId,
    String repoId,
    String distributorId,
    String oid,
    boolean notifyAgent,
    Map<String, Object> bindingConfig,
    Instant created) {}
