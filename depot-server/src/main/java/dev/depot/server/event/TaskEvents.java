package dev.depot.server.event;

import dev.depot.server.publish.PublishOperation;
import dev.depot.server.sync.SyncOperation;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskJson;
import dev.depot.server.task.TaskRecord;
import dev.depot.server.task.TaskState;
import dev.depot.server.task.TaskStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires {@code repo.sync.*} and {@code repo.publish.*} events around the tasks that sync and
 * publish: the start event when a worker begins the task, the finish event once its end is stored.
 * The body is the task report as {@code GET /tasks/<id>/} shows it, plus {@code event_type} and
 * Pulp's {@code payload} ({@code repo_id}, and {@code distributor_id} for publishes). Nothing here
 * can fail or slow a task: lookups are guarded and delivery is queued.
 */
public final class TaskEvents {
  private static final Logger LOG = LoggerFactory.getLogger(TaskEvents.class);
  private static final Map<String, String> PREFIXES =
      Map.of(SyncOperation.TYPE, "repo.sync", PublishOperation.TYPE, "repo.publish");

  private final EventListeners listeners;
  private final EventNotifier notifier;
  private final TaskStore tasks;

  /** Wires the events. */
  public TaskEvents(EventListeners listeners, EventNotifier notifier, TaskStore tasks) {
    this.listeners = listeners;
    this.notifier = notifier;
    this.tasks = tasks;
  }

  /** Wraps the sync and publish handlers among {@code handlers} so that they announce starting. */
  public void announceStarts(Map<String, TaskHandler> handlers) {
    for (Map.Entry<String, String> e : PREFIXES.entrySet()) {
      TaskHandler inner = handlers.get(e.getKey());
      if (inner != null) {
        String eventType = e.getValue() + ".start";
        handlers.put(
            e.getKey(),
            task -> {
              fire(eventType, task.record());
              return inner.run(task);
            });
      }
    }
  }

  /** Told of every task a worker completes; fires the finish event of syncs and publishes. */
  public void completed(TaskRecord task, TaskState state) {
    String prefix = PREFIXES.get(task.type());
    if (prefix != null) {
      fire(prefix + ".finish", task);
    }
  }

  private void fire(String eventType, TaskRecord claimed) {
    try {
      var hearing = listeners.hearing(eventType);
      if (hearing.isEmpty()) {
        return;
      }
      TaskRecord current = tasks.find(claimed.taskId()).orElse(claimed);
      Map<String, Object> body = new LinkedHashMap<>(TaskJson.task(current));
      body.put("event_type", eventType);
      Map<String, Object> payload = new LinkedHashMap<>();
      payload.put("repo_id", claimed.args().get("repo_id"));
      if (claimed.args().get("distributor_id") != null) {
        payload.put("distributor_id", claimed.args().get("distributor_id"));
      }
      body.put("payload", payload);
      for (EventListenerRecord listener : hearing) {
        notifier.offer(listener, eventType, body);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not fire {} for task {}: {}", eventType, claimed.taskId(), e.toString());
    }
  }
}
