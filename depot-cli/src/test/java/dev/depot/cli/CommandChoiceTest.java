package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommandChoiceTest {
  private static final List<Class<?>> ALL =
      List.of(StatusCommand.class, RepoCommand.class, TaskCommand.class, HelpCommand.class);

  private static List<Class<?>> choose(String... args) {
    return CommandChoice.named(args, DepotCli.class, ALL);
  }

  @Test
  void theCommandNamedIsTheOnlyOneBuilt() {
    assertThat(choose("repo", "list")).containsExactly(RepoCommand.class);
    assertThat(choose("--json", "task", "list")).containsExactly(TaskCommand.class);
  }

  @Test
  void anOptionsValueIsNotTakenForACommand() {
    // --url takes a value: "status" is its value, "repo" the command.
    assertThat(choose("--url", "status", "repo", "list")).containsExactly(RepoCommand.class);
    assertThat(choose("--url=http://h:1", "status")).containsExactly(StatusCommand.class);
    assertThat(choose("--password", "repo", "status")).containsExactly(StatusCommand.class);
  }

  @Test
  void everyCommandWhenNoneOrAnUnknownOneOrHelpIsNamed() {
    assertThat(choose()).isEqualTo(ALL);
    assertThat(choose("--help")).isEqualTo(ALL);
    assertThat(choose("rpeo", "list")).isEqualTo(ALL);
    assertThat(choose("help", "repo")).isEqualTo(ALL);
    assertThat(choose("--", "repo")).isEqualTo(ALL);
  }

  @Test
  void aMisspeltCommandStillGetsPicoclisSuggestionsAndUsageErrorCode() {
    StringWriter err = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {"stauts"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            Map.of());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unmatched argument", "Did you mean: depot status");
  }

  @Test
  void theRootHelpStillListsEveryCommand() {
    StringWriter out = new StringWriter();
    int code =
        DepotCli.run(
            new String[] {"--help"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()),
            Map.of());

    assertThat(code).isZero();
    assertThat(out.toString()).contains("status", "repo", "consumer", "orphans", "search", "help");
  }
}
