package dev.depot.server.consumer;

import dev.depot.plugin.Profiler;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSource;
import dev.depot.server.content.Cursors;
import dev.depot.server.content.UnitStore;
import dev.depot.server.error.MissingResource;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.task.NewTask;
import dev.depot.server.task.RunningTask;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskOutcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Jdbi;

/**
 * Regenerates the applicability of consumers, as Pulp's {@code regenerate_applicability}: for each
 * consumer, each stored profile a profiler reads, and each repository the consumer is bound to, the
 * profiler names the applicable units; their ids, by type, replace what was stored. Not reserved on
 * a repository: it only reads repositories, and stores per consumer.
 */
public final class ApplicabilityOperation implements TaskHandler {
  /** The task type, as Pulp names it. */
  public static final String TYPE =
      "pulp.server.managers.consumer.applicability.regenerate_applicability_for_consumers";

  private final Jdbi jdbi;
  private final ConsumerProfiles profiles;
  private final Bindings bindings;
  private final PluginRegistry plugins;
  private final UnitStore units;

  /** Wires the operation. */
  public ApplicabilityOperation(
      Jdbi jdbi,
      ConsumerProfiles profiles,
      Bindings bindings,
      PluginRegistry plugins,
      UnitStore units) {
    this.jdbi = jdbi;
    this.profiles = profiles;
    this.bindings = bindings;
    this.plugins = plugins;
    this.units = units;
  }

  /** The task regenerating these consumers' applicability. */
  public static NewTask task(List<String> consumerIds) {
    Map<String, Object> args = new LinkedHashMap<>();
    args.put("consumer_ids", List.copyOf(consumerIds));
    return new NewTask(TYPE, null, List.of("pulp:action:content_applicability_regeneration"), args);
  }

  @Override
  public TaskOutcome run(RunningTask task) {
    List<String> ids = new ArrayList<>();
    if (task.record().args().get("consumer_ids") instanceof List<?> list) {
      list.forEach(id -> ids.add(String.valueOf(id)));
    }
    long done = 0;
    for (String consumerId : ids) {
      if (task.isCancelRequested()) {
        break;
      }
      if (regenerate(consumerId)) {
        done++;
      }
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("consumers_regenerated", done);
    return task.isCancelRequested()
        ? new TaskOutcome.Canceled(result)
        : new TaskOutcome.Finished(result, List.of());
  }

  /** Regenerates one consumer; false when it no longer exists. */
  boolean regenerate(String consumerId) {
    List<ConsumerProfiles.Profile> stored;
    try {
      stored = profiles.list(consumerId);
    } catch (MissingResource e) {
      return false; // unregistered since the task was queued
    }
    Set<String> repoIds = new LinkedHashSet<>();
    bindings.ofConsumer(consumerId, null).forEach(b -> repoIds.add(b.binding().repoId()));
    // Each profiler (by id) judges all of the consumer's profiles of its types together.
    Map<String, Profiler> profilersById = new java.util.LinkedHashMap<>();
    Map<String, Map<String, Object>> profilesById = new java.util.LinkedHashMap<>();
    for (ConsumerProfiles.Profile profile : stored) {
      Optional<Profiler> profiler = plugins.profilerOf(profile.contentType());
      if (profiler.isEmpty()) {
        continue; // its plugin was removed: nothing can judge this profile
      }
      String id = profiler.get().metadata().id();
      profilersById.putIfAbsent(id, profiler.get());
      profilesById
          .computeIfAbsent(id, p -> new java.util.LinkedHashMap<>())
          .put(profile.contentType(), profile.profile());
    }
    Map<String, Set<String>> applicable = new TreeMap<>();
    for (Map.Entry<String, Map<String, Object>> judged : profilesById.entrySet()) {
      Profiler profiler = profilersById.get(judged.getKey());
      for (String repoId : repoIds) {
        UnitSource repo = criteria -> Cursors.open(jdbi, h -> units.stream(h, repoId, criteria));
        Map<String, List<Unit>> found = profiler.applicable(judged.getValue(), repo);
        found.forEach(
            (type, list) -> {
              Set<String> ids = applicable.computeIfAbsent(type, t -> new TreeSet<>());
              list.forEach(u -> ids.add(u.id()));
            });
      }
    }
    Map<String, List<String>> byType = new TreeMap<>();
    applicable.forEach((type, ids) -> byType.put(type, new ArrayList<>(ids)));
    profiles.saveApplicability(consumerId, byType);
    return true;
  }
}
