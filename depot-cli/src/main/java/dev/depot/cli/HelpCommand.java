package dev.depot.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code depot help [COMMAND...]}: the usage of any command, however deep ({@code help repo sync
 * schedule}). picocli's own help command looks one level down only, so {@code help repo sync}
 * showed {@code repo}'s help.
 */
@Command(
    name = "help",
    helpCommand = true,
    description = "Show the help of a command, e.g. depot help repo sync.")
final class HelpCommand implements Runnable {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "COMMAND", arity = "0..*", description = "The command's words.")
  List<String> words = new ArrayList<>();

  @Override
  public void run() {
    CommandLine command = spec.root().commandLine();
    for (String word : words) {
      CommandLine next = command.getSubcommands().get(word);
      if (next == null) {
        throw new CommandLine.ParameterException(
            spec.commandLine(),
            "no command '"
                + word
                + "' under '"
                + command.getCommandSpec().qualifiedName()
                + "'; it has: "
                + String.join(", ", command.getSubcommands().keySet()));
      }
      command = next;
    }
    command.usage(spec.commandLine().getOut());
  }

  /**
   * Gives every command in the tree {@code -h}/{@code --help}, so that a command added later cannot
   * forget it; the root also has {@code --version} from its annotation.
   */
  static void addHelpOptions(CommandLine command) {
    CommandSpec spec = command.getCommandSpec();
    if (spec.options().stream().noneMatch(OptionSpec::usageHelp)) {
      spec.addOption(
          OptionSpec.builder("-h", "--help")
              .usageHelp(true)
              .description("Show this help message and exit.")
              .build());
    }
    command.getSubcommands().values().forEach(HelpCommand::addHelpOptions);
  }
}
