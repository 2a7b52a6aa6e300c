package dev.depot.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class ClassArchiveTrainingTest {
  @Test
  void runsWithoutAServerAndPrintsNothing() throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (PrintStream capture = new PrintStream(printed, true)) {
      System.setOut(capture);
      System.setErr(capture);
      ClassArchiveTraining.main(new String[0]);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    assertThat(printed.toString()).isEmpty();
  }
}
