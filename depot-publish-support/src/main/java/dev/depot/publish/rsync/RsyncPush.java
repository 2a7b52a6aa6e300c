package dev.depot.publish.rsync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
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
      Path stateDir) {
    /** Checks the request. */
    public Request {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(unitsRoot, "unitsRoot");
      Objects.requireNonNull(stateDir, "stateDir");
      extraArgs = List.copyOf(extraArgs);
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
  private final Consumer<Map<String, Object>> progress;
  private final Map<String, Object> units = new LinkedHashMap<>();
  private final Map<String, Object> tree = new LinkedHashMap<>();
  private volatile RsyncProcess running;
  private volatile boolean canceled;
  private String step = "units";
  private long done;
  private long total;

  /**
   * @param progress receives the progress report (a JSON-able map) as the push goes
   */
  public RsyncPush(Request request, Consumer<Map<String, Object>> progress) {
    this.request = request;
    this.progress = progress;
    units.put("state", "not_started");
    tree.put("state", request.tree() == null ? "skipped" : "not_started");
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
    PushedUnits listed = new PushedUnits(request.stateDir(), targetKey);
    try (listed;
        Stream<Path> closing = unitFiles) {
      Path root = request.unitsRoot();
      for (Path file : (Iterable<Path>) closing::iterator) {
        if (!file.isAbsolute() || !file.normalize().startsWith(root)) {
          throw new IOException("unit file outside the content store: " + file.getFileName());
        }
        listed.add(root.relativize(file.normalize()).toString());
      }
    }
    units.put("list_seconds", seconds(started));
    String digest = listed.digest(identity);
    boolean unchanged = !request.force() && digest.equals(request.previousDigest());
    boolean onlyNew = !request.force() && listed.incremental();
    long toSend = unchanged ? 0 : onlyNew ? listed.freshCount() : listed.count();
    units.put("files_total", listed.count());
    units.put("files_listed", toSend);
    units.put("files_sent", 0L);
    boolean skip = unchanged || (onlyNew && toSend == 0);
    Path unitStage = request.stateDir().resolve("units-" + targetKey + ".stage");
    // The tree's copy is brought up to date while the units travel (not while they are staged:
    // both only write the disk): it only reads the published tree and writes the state
    // directory, and rsync mostly waits on the remote end meanwhile. It is pushed only after the
    // units, so the remote tree never links to a missing file.
    FutureTask<RelativeTree.Made> staging = null;
    Path staged = request.stateDir().resolve("tree-" + targetKey);
    // What the last push of this tree left the remote with, if it succeeded: taken away
    // before the copy changes, so that a push dying half-way is never taken for a whole one.
    Path pushedMarker = request.stateDir().resolve("tree-" + targetKey + ".pushed");
    String lastPushed = null;
    if (request.tree() != null) {
      lastPushed = Files.exists(pushedMarker) ? Files.readString(pushedMarker) : null;
      Files.deleteIfExists(pushedMarker);
      staging =
          new FutureTask<>(
              () ->
                  RelativeTree.sync(
                      request.tree(),
                      request.unitsRoot(),
                      request.treePath(),
                      t.unitsPath(),
                      staged));
    }
    boolean stagingStarted = false;
    FutureTask<Void> unstaging = null;
    try {
      long unitsSent = 0;
      if (skip) {
        units.put("state", "skipped");
        stagingStarted = start(staging, "rsync-tree-stage");
      } else {
        step("units", toSend);
        units.put("state", "in_progress");
        report("in_progress");
        long staging0 = System.nanoTime();
        UnitStage.make(onlyNew ? listed.fresh() : listed.all(), request.unitsRoot(), unitStage);
        units.put("stage_seconds", seconds(staging0));
        stagingStarted = start(staging, "rsync-tree-stage");
        // -L sends the files the staged links name; directory times would only touch the
        // directories every repository pushed to this root shares.
        List<String> command = command("-rtL");
        command.add("--omit-dir-times");
        command.addAll(UnitStage.EXCLUDES);
        command.add(unitStage + "/");
        command.add(t.destination(t.unitsPath()));
        RsyncProcess.Outcome outcome = run(command, units, "files_sent");
        if (outcome == null) {
          return canceled(listed.count(), digest);
        }
        unitsSent = outcome.filesSent();
        units.put("state", "finished");
      }
      listed.pushed();
      units.put("seconds", seconds(started));
      if (!skip) {
        // Removing the staged links (tens of thousands of entries) overlaps the tree's
        // transfer; one a failure left is removed by the next push that stages units.
        Path stagedList = onlyNew ? listed.fresh() : listed.last();
        unstaging =
            new FutureTask<>(
                () -> {
                  UnitStage.remove(stagedList, unitStage);
                  return null;
                });
        start(unstaging, "rsync-units-unstage");
      }
      long treeSent = 0;
      long treeDeleted = 0;
      if (staging != null) {
        long treeStarted = System.nanoTime();
        RelativeTree.Made made = made(staging);
        step("tree", made.links() + made.files());
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
        command.add(staged + "/");
        command.add(t.destination(request.treePath()));
        String pushing = commandDigest(command);
        if (!request.force() && made.changed() == 0 && pushing.equals(lastPushed)) {
          // Nothing changed since a push that succeeded with the same options: as with
          // unchanged units, nothing to send. force_full pushes anyway (and repairs a remote
          // changed by hand).
          tree.put("state", "skipped");
        } else {
          tree.put("state", "in_progress");
          report("in_progress");
          RsyncProcess.Outcome outcome = run(command, tree, "sent");
          if (outcome == null) {
            return canceled(listed.count(), digest);
          }
          Files.writeString(pushedMarker, pushing);
          treeSent = outcome.filesSent() + outcome.linksMade();
          treeDeleted = outcome.deleted();
          tree.put("deleted", treeDeleted);
          tree.put("state", "finished");
        }
        tree.put("seconds", seconds(treeStarted));
      }
      step = "done";
      done = total;
      Map<String, Object> report = report("finished");
      return new Result(
          false, listed.count(), unitsSent, skip, treeSent, treeDeleted, digest, report);
    } finally {
      // Never return while the staging thread still writes the state directory.
      if (stagingStarted) {
        awaitQuietly(staging);
      }
      if (unstaging != null) {
        awaitQuietly(unstaging);
      } else if (Files.exists(unitStage)) {
        RelativeTree.delete(unitStage); // a cancelled or failed transfer's
      }
    }
  }

  /** Starts a task on a virtual thread of its own; false when there is none. */
  private static boolean start(FutureTask<?> task, String name) {
    if (task == null) {
      return false;
    }
    Thread.ofVirtual().name(name).start(task);
    return true;
  }

  /** Waits for a task to end, keeping an interrupt for the caller; its outcome is not wanted. */
  private static void awaitQuietly(FutureTask<?> task) {
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

  /** The staged tree, once staging is done; its failure is the push's. */
  private static RelativeTree.Made made(FutureTask<RelativeTree.Made> staging)
      throws IOException, InterruptedException {
    try {
      return staging.get();
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
  private static String commandDigest(List<String> command) {
    return HexFormat.of()
        .formatHex(
            PushedUnits.sha256()
                .digest(String.join("\0", command).getBytes(StandardCharsets.UTF_8)));
  }

  private static double seconds(long since) {
    return Math.round((System.nanoTime() - since) / 1e6) / 1000.0;
  }

  private Result canceled(long count, String digest) {
    Map<String, Object> report = report("cancelled");
    return new Result(true, count, 0, false, 0, 0, digest, report);
  }

  private void step(String name, long items) {
    step = name;
    done = 0;
    total = items;
  }

  private List<String> command(String mode) {
    List<String> command = new ArrayList<>();
    command.add("rsync");
    command.add(mode);
    command.add("-s"); // arguments reach the remote rsync as they are, not through its shell
    command.add("--mkpath");
    command.add(RsyncProcess.OUT_FORMAT);
    command.add("--info=progress2");
    command.add("-e");
    command.add(request.target().sshCommand());
    command.addAll(request.extraArgs());
    return command;
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
                  done = count;
                }
                long now = System.nanoTime();
                if (now - last[0] > 250_000_000L) {
                  last[0] = now;
                  report("in_progress");
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
      report("failed");
      throw new RsyncFailure(error, outcome.exitCode());
    }
    return outcome;
  }

  private Map<String, Object> report(String state) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("state", state);
    report.put("step", step);
    report.put("done", done);
    report.put("total", total);
    report.put("units", new LinkedHashMap<>(units));
    report.put("tree", new LinkedHashMap<>(tree));
    progress.accept(report);
    return report;
  }
}
