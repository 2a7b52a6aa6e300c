package dev.depot.publish.tree;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * Tells whatever serves published trees in this process that a served link was switched or removed,
 * so that it forgets what it holds in memory of the trees it served: a web server that caches small
 * files would otherwise go on answering with a deleted repository's files, or with the content a
 * file name had before the publish that switched it.
 *
 * <p>A server in another process (a content-only process, nginx) learns of a switch only from the
 * file system.
 */
public final class ServedTreeChanges {
  private static final Set<Runnable> LISTENERS = new CopyOnWriteArraySet<>();

  private ServedTreeChanges() {}

  /**
   * Runs {@code listener} after every switch or removal of a served link, until {@link #unlisten}.
   */
  public static void listen(Runnable listener) {
    LISTENERS.add(listener);
  }

  /** Stops calling {@code listener}. */
  public static void unlisten(Runnable listener) {
    LISTENERS.remove(listener);
  }

  /** Called once a served link changed: every listener runs, on this thread. */
  static void changed() {
    LISTENERS.forEach(Runnable::run);
  }
}
