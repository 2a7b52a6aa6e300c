package dev.depot.plugin.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.concurrent.TimeUnit;

/**
 * A cancel made the way the platform makes it: from another thread, while the plugin works, and
 * expected back at once. Called from inside the plugin's run (a conduit watcher), where throwing
 * would be caught by the plugin; so what went wrong is kept for {@link #assertReturnedPromptly}.
 */
final class Cancel {
  private static final long PROMPT_MILLIS = TimeUnit.SECONDS.toMillis(5);

  private volatile Throwable failure;
  private volatile boolean slow;
  private volatile boolean made;

  /** Runs {@code cancel} on a new thread and waits for it a few seconds. */
  void fromAnotherThread(Runnable cancel) {
    Thread thread =
        new Thread(
            () -> {
              try {
                cancel.run();
              } catch (Throwable e) {
                failure = e;
              }
            },
            "contract-cancel");
    thread.start();
    try {
      thread.join(PROMPT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    slow = thread.isAlive();
    made = true;
  }

  /** Fails when no cancel was made, when it threw, or when it did not return within seconds. */
  void assertReturnedPromptly() {
    if (!made) {
      fail("the cancel was never made: the plugin finished before the point the check cancels at");
    }
    if (failure != null) {
      fail("cancelling threw", failure);
    }
    if (slow) {
      fail("cancelling did not return within " + PROMPT_MILLIS + " ms");
    }
  }
}
