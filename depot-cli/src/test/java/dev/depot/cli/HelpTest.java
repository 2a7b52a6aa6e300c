package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Every command of the tree answers -h, --help and {@code depot help ...} with its own usage. */
class HelpTest {
  private record Run(int code, String out, String err) {}

  private static Run depot(List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    // An unreachable URL: help must be answered without asking any server.
    List<String> all = new ArrayList<>(List.of("--url", "http://127.0.0.1:1"));
    all.addAll(args);
    int code =
        DepotCli.run(
            all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Run(code, out.toString(), err.toString());
  }

  private static void collect(CommandLine command, List<String> path, List<List<String>> all) {
    all.add(path);
    command
        .getSubcommands()
        .forEach(
            (name, sub) -> {
              List<String> longer = new ArrayList<>(path);
              longer.add(name);
              collect(sub, longer, all);
            });
  }

  private static List<List<String>> everyCommand() {
    List<List<String>> all = new ArrayList<>();
    collect(DepotCli.commandLine(new DepotCli()), List.of(), all);
    return all;
  }

  @Test
  void everyCommandAnswersHelpAndHWithItsOwnUsage() {
    List<List<String>> commands = everyCommand();
    assertThat(commands).contains(List.of("repo"), List.of("repo", "sync", "schedule", "create"));

    for (List<String> path : commands) {
      String usage = "Usage: " + String.join(" ", concat(List.of("depot"), path)) + " ";
      for (String flag : List.of("--help", "-h")) {
        Run run = depot(concat(path, List.of(flag)));
        assertThat(run.code()).as("%s %s: %s", path, flag, run.err()).isZero();
        assertThat(run.out()).as("%s %s", path, flag).startsWith(usage);
        assertThat(run.err()).as("%s %s", path, flag).isEmpty();
      }
    }
  }

  /** A user reading --help learns what each option is for, not only its name. */
  @Test
  void everyOptionOfEveryCommandIsExplained() {
    List<String> bare = new ArrayList<>();
    collectBare(DepotCli.commandLine(new DepotCli()), "depot", bare);
    assertThat(bare).isEmpty();
  }

  private static void collectBare(CommandLine command, String path, List<String> bare) {
    command.getCommandSpec().options().stream()
        .filter(o -> String.join("", o.description()).isBlank())
        .forEach(o -> bare.add(path + " " + o.longestName()));
    command.getSubcommands().forEach((name, sub) -> collectBare(sub, path + " " + name, bare));
  }

  /**
   * Option values are named in capitals (FILE, URL, TYPE), as the rest of the help names them:
   * picocli's default, the field's name in angle brackets ({@code <dataDir>}), is a Java name.
   */
  @Test
  void everyOptionValueIsNamedInCapitals() {
    List<String> javaNames = new ArrayList<>();
    collectJavaLabels(DepotCli.commandLine(new DepotCli()), "depot", javaNames);
    assertThat(javaNames).isEmpty();
  }

  private static void collectJavaLabels(CommandLine command, String path, List<String> found) {
    command.getCommandSpec().options().stream()
        .filter(o -> o.arity().max() > 0 && o.paramLabel().startsWith("<"))
        .forEach(o -> found.add(path + " " + o.longestName() + "=" + o.paramLabel()));
    command
        .getSubcommands()
        .forEach((name, sub) -> collectJavaLabels(sub, path + " " + name, found));
  }

  /**
   * Each line of a description is a sentence or ends one: picocli starts every line of a
   * description array on a new line, so a sentence split across two came out broken in the middle,
   * its second half indented less than the first.
   */
  @Test
  void noDescriptionBreaksASentenceAcrossLines() {
    List<String> broken = new ArrayList<>();
    collectBroken(DepotCli.commandLine(new DepotCli()), "depot", broken);
    assertThat(broken).isEmpty();
  }

  private static void collectBroken(CommandLine command, String path, List<String> found) {
    List<CommandLine.Model.ArgSpec> args = new ArrayList<>(command.getCommandSpec().args());
    for (CommandLine.Model.ArgSpec arg : args) {
      String[] lines = arg.description();
      for (int i = 0; i < lines.length - 1; i++) {
        if (!lines[i].isBlank() && !lines[i].strip().matches(".*[.:)]$")) {
          found.add(path + " " + arg.paramLabel() + ": " + lines[i]);
        }
      }
    }
    command.getSubcommands().forEach((name, sub) -> collectBroken(sub, path + " " + name, found));
  }

  /**
   * An example is a command line a user copies: picocli wraps a footer line longer than the usage
   * width, and the wrapped part started a line of its own, no longer part of the command.
   */
  @Test
  void everyExampleFitsOnItsLine() {
    List<String> wrapped = new ArrayList<>();
    collectLongExamples(DepotCli.commandLine(new DepotCli()), "depot", wrapped);
    assertThat(wrapped).isEmpty();
  }

  private static void collectLongExamples(CommandLine command, String path, List<String> found) {
    boolean examples = false;
    int width = command.getCommandSpec().usageMessage().width();
    for (String line : command.getCommandSpec().usageMessage().footer()) {
      examples = examples || line.startsWith("Example");
      if (examples && line.length() > width) {
        found.add(path + ": " + line);
      }
    }
    command
        .getSubcommands()
        .forEach((name, sub) -> collectLongExamples(sub, path + " " + name, found));
  }

  @Test
  void helpCommandShowsTheUsageOfTheCommandItNamesAtAnyDepth() {
    for (List<String> path : everyCommand()) {
      Run help = depot(concat(List.of("help"), path));
      Run flag = depot(concat(path, List.of("--help")));
      assertThat(help.code()).as("help %s: %s", path, help.err()).isZero();
      assertThat(help.out()).as("help %s", path).isEqualTo(flag.out());
    }
    Run unknown = depot(List.of("help", "repo", "snyc"));
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("no command 'snyc' under 'depot repo'", "sync");
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
