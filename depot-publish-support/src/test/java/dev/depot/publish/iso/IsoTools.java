package dev.depot.publish.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs the real xorriso, isoinfo and coreutils against written images. */
final class IsoTools {
  private IsoTools() {}

  /** Skips the test when a tool is missing, unless CI=true, where a missing tool is a failure. */
  static void require(String... tools) {
    for (String tool : tools) {
      boolean present = Files.isExecutable(Path.of("/usr/bin", tool));
      if (!present && "true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new AssertionError("/usr/bin/" + tool + " is required when CI=true");
      }
      Assumptions.assumeTrue(present, "/usr/bin/" + tool + " is not installed");
    }
  }

  /** Runs a command, asserts it succeeded, and returns its standard output. */
  static String run(String... command) throws IOException, InterruptedException {
    return run(StandardCharsets.UTF_8, command);
  }

  /** Runs a command whose output is in {@code charset}, as isoinfo's Joliet listings are. */
  static String run(Charset charset, String... command) throws IOException, InterruptedException {
    Path log = Files.createTempFile("iso-tool", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(log.toFile())
              .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("%s finished", command[0]).isTrue();
      String out = Files.readString(log, charset);
      assertThat(p.exitValue()).as("%s exit status; output:%n%s", List.of(command), out).isZero();
      return out;
    } finally {
      Files.deleteIfExists(log);
    }
  }

  /** Runs a command that must succeed and returns standard output alone (no stderr mixed in). */
  static List<String> lines(String... command) throws IOException, InterruptedException {
    Path outFile = Files.createTempFile("iso-tool", ".out");
    try {
      Process p =
          new ProcessBuilder(command)
              .redirectOutput(outFile.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
      assertThat(p.exitValue()).as("%s exit status", List.of(command)).isZero();
      return new ArrayList<>(Files.readAllLines(outFile, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(outFile);
    }
  }
}
