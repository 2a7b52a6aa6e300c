package dev.depot.server.support;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A second Depot process, started with the real {@code depot server} entry point and the test class
 * path (so it has the example plugin), running only a worker against a shared database.
 */
public final class WorkerProcess implements AutoCloseable {
  private final Process process;

  private WorkerProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code depot server --roles worker} as its own JVM. */
  public static WorkerProcess start(Path dataDir, String databaseUrl, String name, int timeout)
      throws IOException {
    List<String> command =
        ChildJvm.command(
            "dev.depot.server.DepotServerMain",
            List.of(
                "--roles",
                "worker",
                "--worker-name",
                name,
                "--workers",
                "2",
                "--worker-timeout",
                String.valueOf(timeout),
                "--data-dir",
                dataDir.toString(),
                "--database-url",
                databaseUrl));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(dataDir.resolve(name + ".log").toFile())
            .start();
    return new WorkerProcess(process);
  }

  /** Kills the process the hard way ({@code SIGKILL}), as a crash would. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor();
  }

  /** Whether it still runs. */
  public boolean isAlive() {
    return process.isAlive();
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      process.destroy();
      process.waitFor();
    }
  }
}
