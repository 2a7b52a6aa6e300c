package dev.depot.publish.rsync;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Pushes a repository to a remote host with the real {@code rsync} over {@code ssh}, for any
 * content type: first the unit files, from the content store to {@code <root>/<units path>/} with
 * their store layout, then (unless only units are pushed) the published tree, its links into the
 * content store rewritten as relative links into the pushed units, so the remote tree is a working
 * mirror a web server or rsync client can serve.
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
   * @param workDir a private scratch directory
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
      Path workDir) {
    /** Checks the request. */
    public Request {
      Objects.requireNonNull(target, "target");
      Objects.requireNonNull(unitsRoot, "unitsRoot");
      Objects.requireNonNull(workDir, "workDir");
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
    Files.createDirectories(request.workDir());
    Path list = request.workDir().resolve("rsync-units.list");
    UnitList listed = writeList(unitFiles, list);
    units.put("files_total", listed.count);
    units.put("files_sent", 0L);
    boolean skip = !request.force() && listed.digest.equals(request.previousDigest());
    long unitsSent = 0;
    if (skip) {
      units.put("state", "skipped");
    } else {
      step("units", listed.count);
      units.put("state", "in_progress");
      report("in_progress");
      List<String> command = command("-t");
      command.add("--from0");
      command.add("--files-from=" + list);
      command.add(request.unitsRoot() + "/");
      command.add(request.target().destination(request.target().unitsPath()));
      RsyncProcess.Outcome outcome = run(command, units, "files_sent");
      if (outcome == null) {
        return canceled(listed);
      }
      unitsSent = outcome.filesSent();
      units.put("state", "finished");
    }
    long treeSent = 0;
    long treeDeleted = 0;
    if (request.tree() != null) {
      Path rewritten = request.workDir().resolve("rsync-tree");
      RelativeTree.Made made =
          RelativeTree.write(
              request.tree(),
              request.unitsRoot(),
              request.treePath(),
              request.target().unitsPath(),
              rewritten);
      step("tree", made.links() + made.files());
      tree.put("state", "in_progress");
      tree.put("entries_total", made.links() + made.files());
      tree.put("sent", 0L);
      report("in_progress");
      // Link and directory times would make every push touch every entry; contents decide.
      List<String> command = command("-rlt");
      command.add("--omit-dir-times");
      command.add("--omit-link-times");
      if (request.delete()) {
        command.add("--delete");
      }
      command.add(rewritten + "/");
      command.add(request.target().destination(request.treePath()));
      RsyncProcess.Outcome outcome = run(command, tree, "sent");
      if (outcome == null) {
        return canceled(listed);
      }
      treeSent = outcome.filesSent() + outcome.linksMade();
      treeDeleted = outcome.deleted();
      tree.put("deleted", treeDeleted);
      tree.put("state", "finished");
    }
    step = "done";
    done = total;
    Map<String, Object> report = report("finished");
    return new Result(
        false, listed.count, unitsSent, skip, treeSent, treeDeleted, listed.digest, report);
  }

  private Result canceled(UnitList listed) {
    Map<String, Object> report = report("cancelled");
    return new Result(true, listed.count, 0, false, 0, 0, listed.digest, report);
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

  /** The listed unit files: how many, and a digest of the list and the target. */
  private record UnitList(long count, String digest) {}

  private UnitList writeList(Stream<Path> files, Path list) throws IOException {
    MessageDigest each = sha256();
    // Order-independent: a sum of per-file hashes, so the caller may list units in any order.
    long[] sum = new long[4];
    long count = 0;
    Path root = request.unitsRoot();
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(list), 1 << 16);
        Stream<Path> closing = files) {
      for (Path file : (Iterable<Path>) closing::iterator) {
        if (!file.isAbsolute() || !file.normalize().startsWith(root)) {
          throw new IOException("unit file outside the content store: " + file.getFileName());
        }
        byte[] relative =
            root.relativize(file.normalize()).toString().getBytes(StandardCharsets.UTF_8);
        out.write(relative);
        out.write(0);
        ByteBuffer hash = ByteBuffer.wrap(each.digest(relative));
        for (int i = 0; i < sum.length; i++) {
          sum[i] += hash.getLong();
        }
        count++;
      }
    }
    MessageDigest digest = sha256();
    RsyncTarget t = request.target();
    digest.update(
        String.join("\0", t.host(), String.valueOf(t.port()), t.user(), t.root(), t.unitsPath())
            .getBytes(StandardCharsets.UTF_8));
    ByteBuffer summary = ByteBuffer.allocate(8 * (sum.length + 1));
    for (long part : sum) {
      summary.putLong(part);
    }
    summary.putLong(count);
    digest.update(summary.array());
    return new UnitList(count, HexFormat.of().formatHex(digest.digest()));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
