package dev.depot.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ClassArchiveTrainingTest {
  private static List<Path> trainingDirs() throws Exception {
    try (Stream<Path> all = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return all.filter(p -> p.getFileName().toString().startsWith("depot-class-archive")).toList();
    }
  }

  @Test
  void startsAServerAnswersItAndLeavesNothingBehind() throws Exception {
    List<Path> before = trainingDirs();

    ClassArchiveTraining.main(new String[0]); // throws if the server does not start or answer

    assertThat(trainingDirs()).isEqualTo(before);
  }
}
