package dev.depot.plugins.rpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Small noarch packages built with Debian's {@code rpmbuild}, for tests here and in depot-dist:
 * each one installs {@code /usr/share/<name>/greeting.txt} and a script {@code /usr/bin/<name>},
 * with the given Requires, a Provides, Conflicts, Obsoletes and Recommends, a directory, a ghost
 * and a two-entry changelog.
 */
public final class TestRpms {
  private TestRpms() {}

  /** A built binary package and its source package. */
  public record Built(Path rpm, Path srpm) {}

  /**
   * Builds {@code <name>-<version>-1.noarch.rpm} and its {@code .src.rpm} under {@code dir}.
   *
   * @param requires Requires lines, e.g. {@code bash >= 4.0}
   */
  public static Built build(Path dir, String name, String version, String... requires)
      throws IOException, InterruptedException {
    return buildFor(dir, name, version, "noarch", requires);
  }

  /**
   * Builds {@code <name>-<version>-1.<arch>.rpm} (rpmbuild's {@code --target}, e.g. {@code i686}
   * and {@code x86_64} for a multilib pair) and its {@code .src.rpm} under {@code dir}.
   */
  public static Built buildFor(
      Path dir, String name, String version, String arch, String... requires)
      throws IOException, InterruptedException {
    Path top =
        Files.createDirectories(dir.resolve("rpmbuild-" + name + "-" + version + "-" + arch));
    Path spec = top.resolve(name + ".spec");
    String text = spec(name, version, List.of(requires));
    if (!arch.equals("noarch")) {
      text = text.replace("BuildArch: noarch\n", "");
    }
    Files.writeString(spec, text, StandardCharsets.UTF_8);
    List<String> command =
        new java.util.ArrayList<>(List.of("rpmbuild", "--define", "_topdir " + top, "--quiet"));
    if (!arch.equals("noarch")) {
      command.addAll(List.of("--target", arch));
    }
    command.addAll(List.of("-ba", spec.toString()));
    Process build =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(top.resolve("build.log").toFile())
            .start();
    if (!build.waitFor(120, TimeUnit.SECONDS) || build.exitValue() != 0) {
      throw new IOException("rpmbuild failed: " + Files.readString(top.resolve("build.log")));
    }
    return new Built(
        find(top.resolve("RPMS"), "." + arch + ".rpm"), find(top.resolve("SRPMS"), ".rpm"));
  }

  /**
   * A signing key of its own, made with Debian's gpg in {@code dir}: what a release engineer signs
   * packages with ({@link #sign}) and hands out as {@code public} (ASCII-armored).
   *
   * @param home the gpg home directory
   * @param id the key's user id (an email address)
   * @param keyId its long key id, as {@code rpm -qi} shows it, lower-case
   * @param publicKey the armored public key's file
   */
  public record SigningKey(Path home, String id, String keyId, Path publicKey) {
    /** Signs {@code rpm} in place with rpmsign, as {@code rpmsign --addsign} does. */
    public void sign(Path rpm) throws IOException, InterruptedException {
      run(
          home.getParent(),
          List.of(
              "rpmsign",
              "--define",
              "__gpg /usr/bin/gpg",
              "--define",
              "_gpg_path " + home,
              "--define",
              "_gpg_name " + id,
              "--addsign",
              rpm.toString()));
    }

    /** Stops the gpg-agent the key's home started. */
    public void close() throws IOException, InterruptedException {
      run(home.getParent(), List.of("gpgconf", "--homedir", home.toString(), "--kill", "all"));
    }
  }

  /** Makes a new RSA signing key under {@code dir} (no passphrase). */
  public static SigningKey newSigningKey(Path dir, String id)
      throws IOException, InterruptedException {
    Path home = Files.createDirectories(dir.resolve("gnupg-" + id.replaceAll("[^a-z0-9]", "-")));
    Files.setPosixFilePermissions(
        home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    List<String> gpg = List.of("gpg", "--homedir", home.toString(), "--batch");
    List<String> generate = new java.util.ArrayList<>(gpg);
    generate.addAll(
        List.of(
            "--pinentry-mode",
            "loopback",
            "--passphrase",
            "",
            "--quick-gen-key",
            "Depot Test <" + id + ">",
            "rsa2048",
            "sign",
            "never"));
    run(dir, generate);
    List<String> export = new java.util.ArrayList<>(gpg);
    export.addAll(List.of("--armor", "--export", id));
    Path publicKey =
        Files.writeString(home.resolveSibling(home.getFileName() + ".asc"), run(dir, export));
    List<String> list = new java.util.ArrayList<>(gpg);
    list.addAll(List.of("--with-colons", "--list-keys", id));
    String keyId =
        run(dir, list)
            .lines()
            .filter(line -> line.startsWith("pub:"))
            .map(line -> line.split(":")[4].toLowerCase(java.util.Locale.ROOT))
            .findFirst()
            .orElseThrow();
    return new SigningKey(home, id, keyId, publicKey);
  }

  private static Path find(Path dir, String suffix) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElseThrow();
    }
  }

  static String spec(String name, String version, List<String> requires) {
    StringBuilder s = new StringBuilder();
    s.append("Name: ").append(name).append("\nVersion: ").append(version).append("\n");
    s.append("Release: 1\nSummary: The <").append(name).append("> & test package\n");
    s.append("License: MIT\nURL: https://example.com/").append(name).append("\n");
    s.append("BuildArch: noarch\nAutoReq: no\nProvides: greeter-").append(name).append(" = 2.0\n");
    s.append("Conflicts: old-%{name} < 1.0\nObsoletes: %{name}-legacy <= 0.9\n");
    s.append("Recommends: fortune-%{name}\n");
    for (String require : requires) { // "(pre): x" is a Requires(pre)
      s.append(require.startsWith("(") ? "Requires" : "Requires: ").append(require).append('\n');
    }
    s.append("%description\nSays hello.\nTwo lines.\n");
    s.append("%install\nmkdir -p %{buildroot}/usr/share/%{name} %{buildroot}/usr/bin\n");
    s.append("echo hi > %{buildroot}/usr/share/%{name}/greeting.txt\n");
    s.append("printf '#!/bin/sh\\necho hi\\n' > %{buildroot}/usr/bin/%{name}\n");
    s.append("chmod 755 %{buildroot}/usr/bin/%{name}\n");
    s.append("%files\n/usr/bin/%{name}\n%dir /usr/share/%{name}\n");
    s.append("/usr/share/%{name}/greeting.txt\n%ghost /usr/share/%{name}/ghost.log\n");
    s.append("%changelog\n* Mon Dec 01 2025 Jane Doe <jane@example.com> - ");
    s.append(version).append("-1\n- Second & <better>\n");
    s.append("* Sun Nov 30 2025 Jane Doe <jane@example.com> - 0.1-1\n- First\n");
    return s.toString();
  }

  /** Runs a command to its end and returns its standard output; fails on a non-zero exit. */
  public static String run(Path dir, List<String> command)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile(dir, "cmd", ".out");
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(command + " timed out");
    }
    String text = Files.readString(out);
    if (p.exitValue() != 0) {
      throw new IOException(command + " failed (" + p.exitValue() + "): " + text);
    }
    return text;
  }
}
