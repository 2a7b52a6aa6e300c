package dev.depot.publish.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What this build should call itself, worked out apart from the code under test: the Maven version
 * the build passes to tests, and the checkout's commit as {@code git rev-parse} names it ({@code
 * unknown} where the sources are not a git checkout).
 */
public final class ThisBuild {
  private ThisBuild() {}

  /**
   * The version {@code --version} and {@code /status/} should report, e.g. {@code
   * 0.1.0-SNAPSHOT+bc1ac6d0e1f2}.
   *
   * @param root the top of the source tree
   */
  public static String version(Path root) throws IOException, InterruptedException {
    String maven = System.getProperty("depot.test.project.version");
    if (maven == null) {
      throw new IllegalStateException("run under Maven: depot.test.project.version is not set");
    }
    return maven + "+" + commit(root.toAbsolutePath().normalize());
  }

  private static String commit(Path root) throws IOException, InterruptedException {
    if (!Files.isDirectory(root.resolve(".git"))) {
      return "unknown";
    }
    Process git =
        new ProcessBuilder("git", "rev-parse", "HEAD")
            .directory(root.toFile())
            .redirectErrorStream(true)
            .start();
    String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    if (git.waitFor() != 0) {
      throw new IllegalStateException("git rev-parse HEAD in " + root + ": " + out);
    }
    return out.substring(0, 12);
  }
}
