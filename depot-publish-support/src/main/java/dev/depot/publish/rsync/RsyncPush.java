package dev.depot.publish.rsync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.FutureTask;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Pushes a repository to a remote host with the real {@code rsync} over {@code ssh}, for any
 * content type: first the unit files, from the content store to {@code <root>/<units path>/} with
 * their store layout, then (unless only units are pushed) the published tree, its links into the
 * content store rewritten as relative links into the pushed units, so the remote tree is a working
 * mirror a web server or rsync client can serve.
 *
 * <p>Fast-forward: the list of unit files the last successful push sent to the same target is kept
 * in the state directory, and a push lists only the files it lacks (all of them when {@code force}
 * is set); the tree is staged in the state directory too and only its changed entries are
 * rewritten, so an unchanged push costs a walk of the tree and one rsync that sends nothing.
 *
 * <p>Each step is one recursive rsync of a staged directory: the units as links to the content
 * store ({@link UnitStage}, sent with {@code --copy-links}), the tree as its relative copy ({@link
 * RelativeTree}), staged while the units travel. rsync's own durability applies (it renames each
 * file into place once written): no {@code --fsync}, whose per-file flush would cost more than the
 * transfer, and a push that dies half-way is pushed again in full by the next one, because only a
 * finished step records what it sent.
 *
 * <p>Units are shared by every repository pushed to the same root, so {@code --delete} applies to
 * the tree only. A push whose unit list is the one the last push sent (same files, same target: see
 * {@link Result#unitsDigest()}) skips the units step unless forced; rsync itself skips files whose
 * size and time match, so a forced push still sends only what differs.
 *
 * <p>One instance runs one push; {@link #cancel()} from another thread kills rsync at once.
 */
public final class RsyncPush {

  /**
   * What to push and how.
   *
   * @param target the remote
   * @param unitsRoot the content store root unit files are listed relative to (absolute)
   * @param tree the published tree, or null to push units only
   * @param treePath where the tree goes below the remote root (relative)
   * @param delete whether files the tree no longer has are deleted from the remote tree
   * @param force whether to run the units step even when the unit list did not change
   * @param previousDigest the {@link Result#unitsDigest()} of the last push, or null
   * @param extraArgs extra rsync options, each allowed by {@link RsyncArgs#refusal}
   * @param stateDir a directory kept between pushes of the same distributor (the staging tree and
   *     the list of pushed units live there); nothing else may write to it
   * @param skippedDirs top-level directories of the tree neither pushed nor deleted on the remote
   *     (a yum tree's {@code repodata} with Pulp's {@code skip_repodata})
   */
  public record Request(
      RsyncTarget target,
      Path unitsRoot,
      Path tree,
      String treePath,
      boolean delete,
      boolean force,
      String previousDigest,
      List<String> extraArgs,
      Path stateDir,
      List<String> skippedDirs) {
    /** Checks the request. */
    public Request {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(unitsRoot, "unitsRoot");
      Objects.requireNonNull(stateDir, "stateDir");
      extraArgs = List.copyOf(extraArgs);
      skippedDirs = List.copyOf(skippedDirs);
      for (String arg : extraArgs) {
        RsyncArgs.refusal(arg)
            .ifPresent(
                problem -> {
                  throw new IllegalArgumentException(problem);
                });
      }
      if (tree != null) {
        RsyncTarget.pathProblem("the tree path", treePath)
            .ifPresent(
                problem -> {
                  throw new IllegalArgumentException(problem);
                });
      }
    }
  }

  /**
   * What a push did.
   *
   * @param canceled whether it was cancelled (then the other figures are partial)
   * @param unitsTotal unit files listed
   * @param unitsSent unit files rsync sent (0 when the units step was skipped)
   * @param unitsSkipped whether the units step was skipped because nothing changed
   * @param treeSent tree files and links rsync sent
   * @param treeDeleted tree entries rsync deleted
   * @param unitsDigest identifies the unit list and target, for the next push's {@code
   *     previousDigest}
   * @param report the final progress report
   */
  public record Result(
      boolean canceled,
      long unitsTotal,
      long unitsSent,
      boolean unitsSkipped,
      long treeSent,
      long treeDeleted,
      String unitsDigest,
      Map<String, Object> report) {}

  private final Request request;
  private final PushProgress progress;
  private final Map<String, Object> units;
  private final Map<String, Object> tree;
  private volatile RsyncProcess running;
  private volatile boolean canceled;

  /**
   * @param progress receives the progress report (a JSON-able map) as the push goes
   */
  public RsyncPush(Request request, Consumer<Map<String, Object>> progress) {
    this.request = request;
    this.progress = new PushProgress(progress, request.tree() != null);
    this.units = this.progress.units();
    this.tree = this.progress.tree();
  }

  /** Stops the push: kills rsync if it runs. Returns at once. */
  public void cancel() {
    canceled = true;
    RsyncProcess process = running;
    if (process != null) {
      process.kill();
    }
  }

  /**
   * Runs the push.
   *
   * @param unitFiles the absolute paths of the unit files to push, all below the units root
   * @throws RsyncFailure when rsync fails; its message is rsync's, safe to show
   */
  public Result push(Stream<Path> unitFiles)
      throws IOException, InterruptedException, RsyncFailure {
    Files.createDirectories(request.stateDir());
    long started = System.nanoTime();
    RsyncTarget t = request.target();
    String identity =
        String.join("\0", t.host(), String.valueOf(t.port()), t.user(), t.root(), t.unitsPath());
    String targetKey =
        HexFormat.of()
            .formatHex(PushedUnits.sha256().digest(identity.getBytes(StandardCharsets.UTF_8)))
            .substring(0, 16);
    Path unitStage = request.stateDir().resolve("units-" + targetKey + ".stage");
    // Staged from the start, but pushed only after the units, so the remote tree never links to
    // a missing file.
    TreeStaging treeStaging = request.tree() == null ? null : TreeStaging.start(request, targetKey);
    UnitsDone sent = null;
    try (PushedUnits listed = new PushedUnits(request.stateDir(), targetKey)) {
      list(unitFiles, listed);
      sent = sendUnits(listed, identity, unitStage, started);
      long[] treeFigures = {0, 0};
      if (sent.canceled() || (treeStaging != null && !pushTree(treeStaging, treeFigures))) {
        Map<String, Object> report = progress.report("cancelled");
        return new Result(true, sent.count(), 0, false, 0, 0, sent.digest(), report);
      }
      Map<String, Object> report = progress.finish();
      return new Result(
          false,
          sent.count(),
          sent.sent(),
          sent.skipped(),
          treeFigures[0],
          treeFigures[1],
          sent.digest(),
          report);
    } finally {
      // Never return while a staging thread still writes the state directory.
      if (treeStaging != null) {
        treeStaging.awaitQuietly();
      }
      if (sent != null && sent.unstaging() != null) {
        TreeStaging.awaitQuietly(sent.unstaging());
      } else if (Files.exists(unitStage)) {
        RelativeTree.delete(unitStage); // a cancelled or failed transfer's
      }
    }
  }

  /**
   * What the units step did.
   *
   * @param unstaging removes the staged links, running; null when nothing was staged
   */
  private record UnitsDone(
      String digest,
      long count,
      boolean skipped,
      long sent,
      FutureTask<Void> unstaging,
      boolean canceled) {}

  /** Sends the listed units the remote lacks, unless the list is the last push's. */
  private UnitsDone sendUnits(PushedUnits listed, String identity, Path unitStage, long started)
      throws IOException, InterruptedException, RsyncFailure {
    String digest = listed.digest(identity);
    boolean unchanged = !request.force() && digest.equals(request.previousDigest());
    boolean onlyNew = !request.force() && listed.incremental();
    long toSend = unchanged ? 0 : onlyNew ? listed.freshCount() : listed.count();
    units.put("files_total", listed.count());
    units.put("files_listed", toSend);
    units.put("files_sent", 0L);
    boolean skip = unchanged || (onlyNew && toSend == 0);
    long sent = 0;
    FutureTask<Void> unstaging = null;
    if (skip) {
      units.put("state", "skipped");
    } else {
      UnitsSent files = pushUnits(onlyNew ? listed.fresh() : listed.all(), toSend, unitStage);
      if (files == null) {
        return new UnitsDone(digest, listed.count(), false, 0, null, true);
      }
      sent = files.count();
      // Removing the staged links overlaps the tree's transfer; links a failure left are
      // removed by the next push that stages units.
      Path pushedList = onlyNew ? listed.fresh() : listed.last();
      unstaging =
          new FutureTask<>(
              () -> {
                UnitStage.remove(pushedList, files.staged(), unitStage);
                return null;
              });
    }
    listed.pushed();
    units.put("seconds", seconds(started));
    if (unstaging != null) {
      Thread.ofVirtual().name("rsync-units-unstage").start(unstaging);
    }
    return new UnitsDone(digest, listed.count(), skip, sent, unstaging, false);
  }

  /** Lists the unit files, each relative to the units root, refusing any outside it. */
  private void list(Stream<Path> unitFiles, PushedUnits listed) throws IOException {
    long started = System.nanoTime();
    Path root = request.unitsRoot();
    try (Stream<Path> closing = unitFiles) {
      for (Path file : (Iterable<Path>) closing::iterator) {
        if (!file.isAbsolute() || !file.normalize().startsWith(root)) {
          throw new IOException("unit file outside the content store: " + file.getFileName());
        }
        listed.add(root.relativize(file.normalize()).toString());
      }
    }
    listed.close();
    units.put("list_seconds", seconds(started));
  }

  /** The units staged and how many files rsync sent. */
  private record UnitsSent(UnitStage.Staged staged, long count) {}

  /** Stages and sends the listed unit files; null when cancelled. */
  private UnitsSent pushUnits(Path list, long toSend, Path unitStage)
      throws IOException, InterruptedException, RsyncFailure {
    progress.step("units", toSend);
    units.put("state", "in_progress");
    progress.report("in_progress");
    long staging = System.nanoTime();
    UnitStage.Staged staged = UnitStage.make(list, request.unitsRoot(), unitStage);
    units.put("stage_seconds", seconds(staging));
    // -L sends the files the staged links name; directory times would only touch the
    // directories every repository pushed to this root shares.
    List<String> command = command("-rtL");
    command.add("--omit-dir-times");
    command.addAll(staged.filters());
    command.add(unitStage + "/");
    command.add(request.target().destination(request.target().unitsPath()));
    RsyncProcess.Outcome outcome = run(command, units, "files_sent");
    if (outcome == null) {
      return null;
    }
    units.put("state", "finished");
    return new UnitsSent(staged, outcome.filesSent());
  }

  /**
   * Sends the staged tree unless it is the one the last push sent; false when cancelled.
   *
   * @param figures receives the entries sent and deleted
   */
  private boolean pushTree(TreeStaging staging, long[] figures)
      throws IOException, InterruptedException, RsyncFailure {
    long started = System.nanoTime();
    RelativeTree.Made made = staging.made();
    progress.step("tree", made.links() + made.files());
    tree.put("entries_total", made.links() + made.files());
    tree.put("entries_restaged", made.changed());
    tree.put("sent", 0L);
    // Link and directory times would make every push touch every entry; contents decide.
    List<String> command = command("-rlt");
    command.add("--omit-dir-times");
    command.add("--omit-link-times");
    if (request.delete()) {
      command.add("--delete");
    }
    // Anchored at the tree's top: neither sent nor, with --delete, removed from the remote.
    request.skippedDirs().forEach(skipped -> command.add("--exclude=/" + skipped + "/"));
    command.add(staging.staged() + "/");
    command.add(request.target().destination(request.treePath()));
    String pushing = TreeStaging.commandDigest(command);
    if (!request.force() && made.changed() == 0 && staging.pushedBefore(pushing)) {
      // Nothing changed since a push that succeeded with the same options: as with unchanged
      // units, nothing to send. force_full pushes anyway (and repairs a remote changed by hand).
      tree.put("state", "skipped");
    } else {
      tree.put("state", "in_progress");
      progress.report("in_progress");
      RsyncProcess.Outcome outcome = run(command, tree, "sent");
      if (outcome == null) {
        return false;
      }
      staging.markPushed(pushing);
      figures[0] = outcome.filesSent() + outcome.linksMade();
      figures[1] = outcome.deleted();
      tree.put("deleted", figures[1]);
      tree.put("state", "finished");
    }
    tree.put("seconds", seconds(started));
    return true;
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e6) / 1000.0;
  }

  private List<String> command(String mode) {
    return RsyncProcess.command(mode, request.target(), request.extraArgs());
  }

  /** Runs rsync; null when cancelled. */
  private RsyncProcess.Outcome run(List<String> command, Map<String, Object> stepReport, String key)
      throws IOException, InterruptedException, RsyncFailure {
    if (canceled) {
      return null;
    }
    RsyncProcess process = new RsyncProcess(command);
    running = process;
    if (canceled) {
      process.kill();
    }
    long[] last = {System.nanoTime()};
    RsyncProcess.Outcome outcome;
    try {
      outcome =
          process.run(
              (count, of) -> {
                if (of < 0) {
                  stepReport.put(key, (long) count);
                } else {
                  progress.done(count);
                }
                long now = System.nanoTime();
                if (now - last[0] > 250_000_000L) {
                  last[0] = now;
                  progress.report("in_progress");
                }
                return 0;
              });
    } finally {
      running = null;
    }
    if (canceled || process.killed()) {
      return null;
    }
    stepReport.put(key, outcome.filesSent() + outcome.linksMade());
    if (outcome.exitCode() != 0) {
      stepReport.put("state", "failed");
      String message = request.target().scrub(outcome.stderr());
      String error =
          "rsync of "
              + (stepReport == units ? "unit files" : "the published tree")
              + " to "
              + request.target().host()
              + " failed (exit code "
              + outcome.exitCode()
              + ")"
              + (message.isEmpty() ? "" : ": " + message);
      stepReport.put("error", error);
      progress.report("failed");
      throw new RsyncFailure(error, outcome.exitCode());
    }
    return outcome;
  }
}
