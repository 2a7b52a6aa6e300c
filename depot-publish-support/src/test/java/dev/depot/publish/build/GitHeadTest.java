package dev.depot.publish.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commit read from a real repository's files, as git leaves them: a branch as a loose ref, the
 * same after {@code git pack-refs}, a detached head; and none where there is no repository.
 */
class GitHeadTest {
  @TempDir Path dir;

  @Test
  void readsTheCommitGitNamesForHeadWhereverGitKeepsIt() throws Exception {
    git("init", "-q", "-b", "main");
    Files.writeString(dir.resolve("a.txt"), "one");
    git("add", "a.txt");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "first");
    String first = git("rev-parse", "HEAD");
    assertThat(Files.exists(dir.resolve(".git/refs/heads/main"))).isTrue();
    assertThat(headOf(dir)).contains(first);

    git("pack-refs", "--all");
    assertThat(Files.exists(dir.resolve(".git/refs/heads/main"))).as("packed").isFalse();
    assertThat(headOf(dir)).contains(first);

    Files.writeString(dir.resolve("a.txt"), "two");
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-am", "second");
    String second = git("rev-parse", "HEAD");
    assertThat(headOf(dir)).as("a new loose ref over the packed one").contains(second);

    git("checkout", "-q", "--detach", first);
    assertThat(headOf(dir)).contains(first);
  }

  @Test
  void noRepositoryNoCommit() {
    assertThat(headOf(dir)).isEmpty();
    assertThat(DepotBuild.abbreviated("bc1ac6d0e1f2a3b4c5d6e7f8091a2b3c4d5e6f70"))
        .isEqualTo("bc1ac6d0e1f2");
  }

  private static Optional<String> headOf(Path checkout) {
    return GitHead.commit(
        name -> {
          Path file = checkout.resolve(".git").resolve(name);
          try {
            return Files.isRegularFile(file)
                ? Optional.of(Files.readString(file))
                : Optional.empty();
          } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
          }
        });
  }

  private String git(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertThat(p.waitFor()).as(String.join(" ", command) + ": " + out).isZero();
    return out;
  }
}
