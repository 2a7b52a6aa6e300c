package dev.depot.publish.build;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Properties;

/**
 * Which build of Depot this is: the Maven project version and the git commit the jar was built
 * from, e.g. {@code 0.1.0-SNAPSHOT+bc1ac6d0e1f2}, so that {@code depot status}, {@code --version}
 * and the server's log tell two builds apart. Maven writes the version into {@code
 * build.properties} and copies the checkout's {@code .git/HEAD} and branch refs beside it (this
 * module's pom.xml); a build without them (no {@code .git}, a source tarball) says {@code unknown}
 * for the commit.
 */
public final class DepotBuild {
  /** The commit part when the build did not come from a git checkout. */
  public static final String UNKNOWN = "unknown";

  /** The git metadata Maven copied into the jar, under this class's package. */
  private static final String GIT = "git/";

  private static final String VERSION = compute();

  private DepotBuild() {}

  /** This build: {@code <maven version>+<12 hex digits of the commit, or unknown>}. */
  public static String version() {
    return VERSION;
  }

  private static String compute() {
    Properties properties = new Properties();
    String file = resource("build.properties").orElse("");
    try {
      properties.load(new java.io.StringReader(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String version = properties.getProperty("version", UNKNOWN);
    String commit = GitHead.commit(name -> resource(GIT + name)).orElse(UNKNOWN);
    return version + "+" + abbreviated(commit);
  }

  /** A commit as git abbreviates it when it must stay unambiguous in a large history. */
  static String abbreviated(String commit) {
    return commit.length() > 12 ? commit.substring(0, 12) : commit;
  }

  private static Optional<String> resource(String name) {
    try (InputStream in = DepotBuild.class.getResourceAsStream(name)) {
      return in == null
          ? Optional.empty()
          : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
