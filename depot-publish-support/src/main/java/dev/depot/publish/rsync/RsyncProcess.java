package dev.depot.publish.rsync;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntBinaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One run of the {@code rsync} program: reads what it itemizes (one line per file it sends, link it
 * makes, file it deletes) and its {@code to-chk} progress as it goes, keeps the end of its error
 * output for the report, and can be killed from another thread.
 */
final class RsyncProcess {
  /** Prefix of the lines rsync writes through {@code --out-format}. */
  static final String MARK = "DEPOT ";

  static final String OUT_FORMAT = "--out-format=" + MARK + "%i %n%L";

  private static final Pattern TO_CHECK = Pattern.compile("to-chk=(\\d+)/(\\d+)");
  private static final int STDERR_KEEP = 4096;

  /** What one run did. */
  record Outcome(int exitCode, long filesSent, long linksMade, long deleted, String stderr) {}

  private final List<String> command;
  private volatile Process process;
  private volatile boolean killed;

  RsyncProcess(List<String> command) {
    this.command = List.copyOf(command);
  }

  /**
   * An rsync command line with the options every push step uses: arguments passed to the remote as
   * they are, destination directories made, one line per item sent, overall progress, the target's
   * ssh command and the user's extra options.
   */
  static List<String> command(String mode, RsyncTarget target, List<String> extraArgs) {
    List<String> command = new ArrayList<>();
    command.add("rsync");
    command.add(mode);
    command.add("-s"); // arguments reach the remote rsync as they are, not through its shell
    command.add("--mkpath");
    command.add(OUT_FORMAT);
    command.add("--info=progress2");
    command.add("-e");
    command.add(target.sshCommand());
    command.addAll(extraArgs);
    return command;
  }

  /**
   * Runs rsync to its end.
   *
   * @param progress told (checked, total) as rsync reports it and (sent, -1) per file sent
   */
  Outcome run(IntBinaryOperator progress) throws IOException, InterruptedException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().put("LC_ALL", "C");
    // Only the configured key may authenticate, never one an agent of the server's user holds.
    builder.environment().remove("SSH_AUTH_SOCK");
    Process started = builder.start();
    process = started;
    started.getOutputStream().close();
    if (killed) {
      kill();
    }
    try {
      return collect(started, progress);
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      kill(); // never leave rsync running behind a failed or interrupted publish
      throw e;
    }
  }

  private Outcome collect(Process started, IntBinaryOperator progress)
      throws IOException, InterruptedException {
    StringBuilder errors = new StringBuilder();
    Thread stderr = readErrors(started, errors);
    long sent = 0;
    long links = 0;
    long deleted = 0;
    Reader out =
        new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8));
    try {
      for (String line; (line = next(out)) != null; ) {
        if (line.startsWith(MARK)) {
          String item = line.substring(MARK.length());
          if (item.startsWith("<f")) {
            sent++;
            progress.applyAsInt((int) Math.min(Integer.MAX_VALUE, sent + links), -1);
          } else if (item.startsWith("cL")) {
            links++;
            progress.applyAsInt((int) Math.min(Integer.MAX_VALUE, sent + links), -1);
          } else if (item.startsWith("*deleting")) {
            deleted++;
          }
        } else {
          Matcher m = TO_CHECK.matcher(line);
          if (m.find()) {
            long left = Long.parseLong(m.group(1));
            long total = Long.parseLong(m.group(2));
            progress.applyAsInt((int) Math.min(Integer.MAX_VALUE, total - left), (int) total);
          }
        }
      }
    } catch (IOException e) {
      if (!killed) {
        throw e;
      }
      // killed by a cancel: the pipe closed under the reader
    }
    int code = started.waitFor();
    stderr.join(TimeUnit.SECONDS.toMillis(5));
    String tail;
    synchronized (errors) {
      tail = errors.substring(Math.max(0, errors.length() - STDERR_KEEP));
    }
    return new Outcome(code, sent, links, deleted, tail.strip());
  }

  /** Keeps the tail of the process's standard error in {@code errors}, on a thread of its own. */
  private static Thread readErrors(Process started, StringBuilder errors) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try (Reader in =
                  new InputStreamReader(started.getErrorStream(), StandardCharsets.UTF_8)) {
                char[] buf = new char[1024];
                for (int n; (n = in.read(buf)) > 0; ) {
                  synchronized (errors) {
                    errors.append(buf, 0, n);
                    if (errors.length() > 2 * STDERR_KEEP) {
                      errors.delete(0, errors.length() - STDERR_KEEP);
                    }
                  }
                }
              } catch (IOException e) {
                // the process is gone; what was read stays
              }
            });
  }

  /** Whether {@link #kill} was called. */
  boolean killed() {
    return killed;
  }

  /** Kills rsync and the ssh it started; returns at once. */
  void kill() {
    killed = true;
    Process running = process;
    if (running != null) {
      running.descendants().forEach(ProcessHandle::destroyForcibly);
      running.destroyForcibly();
    }
  }

  /** The next line of rsync's output, split on new lines and on its progress lines' returns. */
  private static String next(Reader reader) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int c; (c = reader.read()) >= 0; ) {
      if (c == '\n' || c == '\r') {
        return line.toString();
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }
}
