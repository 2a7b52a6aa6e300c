package dev.depot.publish.build;

import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The commit a git checkout's {@code HEAD} names, read from its files as git keeps them, without
 * running git (a build machine may have none): {@code HEAD} holds either a commit (detached) or
 * {@code ref: refs/heads/<branch>}, and a branch is a file of its own under {@code refs/} or a line
 * of {@code packed-refs}.
 */
final class GitHead {
  private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");

  private GitHead() {}

  /**
   * @param file the content of a file of the {@code .git} directory by its relative path ({@code
   *     HEAD}, {@code refs/heads/main}, {@code packed-refs}), empty when it has none
   * @return the commit, empty when the files do not name one
   */
  static Optional<String> commit(Function<String, Optional<String>> file) {
    Optional<String> head = file.apply("HEAD").map(String::strip);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    String content = head.get();
    if (!content.startsWith("ref:")) {
      return commitOrEmpty(content);
    }
    String ref = content.substring("ref:".length()).strip();
    if (ref.contains("..")) {
      return Optional.empty();
    }
    Optional<String> loose = file.apply(ref).map(String::strip).flatMap(GitHead::commitOrEmpty);
    return loose.isPresent() ? loose : packed(file.apply("packed-refs").orElse(""), ref);
  }

  /** The commit of {@code ref} in a {@code packed-refs} file: lines of {@code <commit> <ref>}. */
  private static Optional<String> packed(String packedRefs, String ref) {
    for (String line : packedRefs.split("\n")) {
      String[] parts = line.strip().split(" ", 2);
      if (parts.length == 2 && parts[1].equals(ref)) {
        return commitOrEmpty(parts[0]);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> commitOrEmpty(String text) {
    return COMMIT.matcher(text).matches() ? Optional.of(text) : Optional.empty();
  }
}
