package dev.depot.server.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a JVM a test starts as a process of its own (a server to kill, a worker, a
 * crash probe), on this JVM's Java and class path.
 *
 * <p>The child runs the client compiler only ({@code -XX:TieredStopAtLevel=1}): such a process
 * lives seconds, most of them starting up, and the optimising compiler's work for it rarely pays
 * back before it is killed. It took about 40% less CPU per server start on two cores, which a suite
 * starting a hundred of them while other tests run needs; what the process does is the same.
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * {@code java <flags> -cp <this class path> mainClass args...}, with the class path's classes
   * mapped from an archive ({@link ChildClassArchive}).
   */
  public static List<String> command(String mainClass, List<String> args) {
    ChildClassArchive.Launch launch = ChildClassArchive.launch();
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(launch.options());
    command.add("-cp");
    command.add(launch.classPath());
    command.add(mainClass);
    command.addAll(args);
    return command;
  }

  /** This JVM's {@code java}. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
