package dev.depot.publish.rsync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The published tree's relative copy ({@link RelativeTree}), brought up to date on a thread of its
 * own from the start of a push. Staging only reads the published tree and writes the state
 * directory, so it runs while the push lists and stages the units: single-threaded work that leaves
 * a core idle, where the units' transfer (rsync, ssh and the remote rsync) keeps every core busy.
 */
final class TreeStaging {
  private final Path staged;
  private final Path pushedMarker;
  private final String lastPushed;
  private final FutureTask<RelativeTree.Made> task;

  private TreeStaging(
      Path staged, Path pushedMarker, String lastPushed, FutureTask<RelativeTree.Made> task) {
    this.staged = staged;
    this.pushedMarker = pushedMarker;
    this.lastPushed = lastPushed;
    this.task = task;
  }

  /**
   * Starts staging the request's tree.
   *
   * @param targetKey names the target, so each target has its own copy
   */
  static TreeStaging start(RsyncPush.Request request, String targetKey) throws IOException {
    Path staged = request.stateDir().resolve("tree-" + targetKey);
    // What the last push of this tree left the remote with, if it succeeded: taken away before
    // the copy changes, so that a push dying half-way is never taken for a whole one.
    Path pushedMarker = request.stateDir().resolve("tree-" + targetKey + ".pushed");
    String lastPushed = Files.exists(pushedMarker) ? Files.readString(pushedMarker) : null;
    Files.deleteIfExists(pushedMarker);
    FutureTask<RelativeTree.Made> task =
        new FutureTask<>(
            () ->
                RelativeTree.sync(
                    request.tree(),
                    request.unitsRoot(),
                    request.treePath(),
                    request.target().unitsPath(),
                    staged));
    Thread.ofVirtual().name("rsync-tree-stage").start(task);
    return new TreeStaging(staged, pushedMarker, lastPushed, task);
  }

  /** The staged copy's directory. */
  Path staged() {
    return staged;
  }

  /** Whether the last push of the tree succeeded with the command digested as {@code command}. */
  boolean pushedBefore(String command) {
    return command.equals(lastPushed);
  }

  /** Records that the tree was pushed with the command digested as {@code command}. */
  void markPushed(String command) throws IOException {
    Files.writeString(pushedMarker, command);
  }

  /** The staged copy, once staging is done; its failure is the push's. */
  RelativeTree.Made made() throws IOException, InterruptedException {
    try {
      return task.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** A digest of an rsync command line: what a state file keeps instead of key paths. */
  static String commandDigest(List<String> command) {
    return HexFormat.of()
        .formatHex(
            PushedUnits.sha256()
                .digest(String.join("\0", command).getBytes(StandardCharsets.UTF_8)));
  }

  /** Waits for staging to end, whatever its outcome, keeping an interrupt for the caller. */
  void awaitQuietly() {
    awaitQuietly(task);
  }

  /** Waits for a task to end, keeping an interrupt for the caller; its outcome is not wanted. */
  static void awaitQuietly(FutureTask<?> task) {
    boolean interrupted = false;
    while (true) {
      try {
        task.get();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      } catch (ExecutionException | CancellationException e) {
        break; // reported by the push already, or nobody asked for it
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
