package dev.depot.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code depot server --help} names each option's value in capitals, as the CLI's help does, not by
 * the Java field behind it ({@code --admin-password=<adminPassword>}).
 */
class ServerHelpTest {
  @Test
  void everyOptionValueIsNamedInCapitals() {
    String usage = new CommandLine(new DepotServerMain()).getUsageMessage();

    assertThat(usage).doesNotContain("=<");
    assertThat(usage)
        .contains("--admin-password=PASSWORD", "--database-url=JDBC_URL", "--port=PORT");
  }
}
