package dev.depot.dist;

import dev.depot.plugins.rpm.TestRpms;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Debian's dnf, with every directory of its own under {@code home} and one repository. */
final class Dnf {
  final Path home;
  final Path root;
  final List<String> base = new ArrayList<>();

  Dnf(Path home, String url, List<String> options) throws Exception {
    this.home = Files.createDirectories(home);
    this.root = Files.createDirectories(home.resolve("root"));
    Files.createDirectories(home.resolve("reposd"));
    Path conf =
        Files.writeString(
            home.resolve("dnf.conf"),
            "[main]\ngpgcheck=0\ncachedir="
                + home.resolve("cache")
                + "\nreposdir="
                + home.resolve("reposd")
                + "\nlogdir="
                + home.resolve("log")
                + "\npersistdir="
                + home.resolve("persist")
                + "\n");
    base.addAll(
        List.of(
            "dnf",
            "-c",
            conf.toString(),
            "--setopt=reposdir=" + home.resolve("reposd"),
            "--releasever=1",
            "--installroot=" + root,
            "--repofrompath=web," + url,
            "--repo=web"));
    base.addAll(options);
  }

  String run(String... args) throws Exception {
    List<String> command = new ArrayList<>(base);
    command.addAll(List.of(args));
    return TestRpms.run(home, command);
  }
}
