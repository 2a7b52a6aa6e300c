package dev.depot.plugins.rpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code repodata/repomd.xml}: what dnf reads first, naming each metadata file with its checksums,
 * sizes and timestamp. When the tree taken over, or else the served one, already lists exactly the
 * same files, that repomd.xml is kept as it is, so publishing unchanged content changes nothing a
 * client sees (revision and timestamps included), whether the publish took over a tree or started
 * an empty one; otherwise both are the publish's time.
 */
final class Repomd {
  static final String NAME = "repomd.xml";

  private Repomd() {}

  /**
   * Writes repomd.xml for {@code files} into {@code dir} (the tree's {@code repodata}), unless the
   * present one lists them already, copying the served one ({@code old}'s) when that lists them;
   * other files there stay or go as {@code old} says.
   */
  static void write(Path dir, List<RepodataFile.Measured> files, long now, OldRepodata old)
      throws IOException {
    Path repomd = dir.resolve(NAME);
    if (!listsExactly(repomd, files)) {
      Path temp = dir.resolve("." + NAME + ".tmp");
      Path served = old.served() == null ? null : old.served().resolve(NAME);
      if (served != null && listsExactly(served, files)) {
        Files.copy(served, temp, StandardCopyOption.REPLACE_EXISTING);
      } else {
        Files.writeString(temp, render(files, now), StandardCharsets.UTF_8);
      }
      Files.move(temp, repomd, StandardCopyOption.REPLACE_EXISTING);
    }
    Set<String> keep = new HashSet<>();
    keep.add(NAME);
    files.forEach(f -> keep.add(f.href().substring(f.href().indexOf('/') + 1)));
    old.apply(dir, keep, now);
  }

  private static boolean listsExactly(Path repomd, List<RepodataFile.Measured> files)
      throws IOException {
    if (!Files.isRegularFile(repomd)) {
      return false;
    }
    String text = Files.readString(repomd, StandardCharsets.UTF_8);
    long listed = text.lines().filter(line -> line.contains("<location href=")).count();
    return listed == files.size()
        && files.stream().allMatch(f -> text.contains("<location href=\"" + f.href() + "\"/>"));
  }

  static String render(List<RepodataFile.Measured> files, long now) {
    StringBuilder x = new StringBuilder(2048);
    x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.append("<repomd xmlns=\"http://linux.duke.edu/metadata/repo\"");
    x.append(" xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\">\n");
    x.append("  <revision>").append(now).append("</revision>\n");
    for (RepodataFile.Measured f : files) {
      x.append("  <data type=\"").append(f.type()).append("\">\n");
      x.append("    <checksum type=\"sha256\">").append(f.sha256()).append("</checksum>\n");
      x.append("    <open-checksum type=\"sha256\">").append(f.openSha256());
      x.append("</open-checksum>\n");
      x.append("    <location href=\"").append(f.href()).append("\"/>\n");
      x.append("    <timestamp>").append(now).append("</timestamp>\n");
      x.append("    <size>").append(f.size()).append("</size>\n");
      x.append("    <open-size>").append(f.openSize()).append("</open-size>\n");
      x.append("  </data>\n");
    }
    return x.append("</repomd>\n").toString();
  }
}
