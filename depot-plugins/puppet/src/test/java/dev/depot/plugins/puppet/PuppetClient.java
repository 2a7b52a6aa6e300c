package dev.depot.plugins.puppet;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code puppet} (installed by {@code .ci/run}) run as a user would, with a home, config
 * and var directory of its own so it never reads or writes the machine's settings.
 */
public final class PuppetClient {
  /** What one run printed and how it ended. */
  public record Run(int exitCode, String output) {}

  private final Path home;

  public PuppetClient(Path home) {
    this.home = home;
  }

  /**
   * {@code puppet module install --module_repository <forge> --target-dir <dir> <args...>}.
   *
   * @param extraEnv e.g. {@code SSL_CERT_FILE=<ca>} so puppet trusts Depot's CA over HTTPS
   */
  public Run install(String forge, Path targetDir, List<String> extraEnv, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("puppet", "module", "install"));
    command.addAll(List.of("--module_repository", forge, "--target-dir", targetDir.toString()));
    command.addAll(List.of("--color=false"));
    command.addAll(common());
    command.addAll(List.of(args));
    return run(command, extraEnv);
  }

  /**
   * Puppet's own Forge search, {@code Puppet::Forge#search} (what {@code puppet module search}
   * called before Puppet 7 dropped the action), run with the puppet library through Ruby: prints
   * each module found as {@code author/name version}, one a line.
   */
  public Run search(String forge, String term) throws IOException, InterruptedException {
    String script =
        "require 'puppet'; require 'puppet/forge';"
            + " Puppet.initialize_settings(ARGV[2..]);"
            + " Puppet::Forge.new(ARGV[0]).search(ARGV[1])"
            + ".each { |m| puts \"#{m['full_name']} #{m['version']}\" }";
    List<String> command = new ArrayList<>(List.of("ruby", "-e", script, forge, term));
    command.addAll(common());
    return run(command, List.of());
  }

  private List<String> common() {
    return List.of(
        "--confdir", home.resolve("conf").toString(), "--vardir", home.resolve("var").toString());
  }

  private Run run(List<String> command, List<String> extraEnv)
      throws IOException, InterruptedException {
    Files.createDirectories(home);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("HOME", home.toString());
    for (String pair : extraEnv) {
      String[] kv = pair.split("=", 2);
      builder.environment().put(kv[0], kv[1]);
    }
    Process process = builder.start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("puppet did not finish in 120 s: " + output);
    }
    return new Run(process.exitValue(), output);
  }
}
