package dev.depot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The RPM benchmark's packages: N small noarch packages built by the real {@code rpmbuild}, a
 * thousand subpackages per spec (one package per spec would take hours), each with a file, a
 * version of its own and a requirement on another; kept in a cache directory between runs.
 */
final class RpmPackages {
  private static final int PER_SPEC = 1000;

  private RpmPackages() {}

  /** {@code dir/Packages} holding {@code count} packages, built unless they are there already. */
  static Path ensure(Path dir, int count) throws Exception {
    Path packages = Files.createDirectories(dir.resolve("Packages"));
    if (countIn(packages) == count) {
      return packages;
    }
    for (int start = 0; start < count; start += PER_SPEC) {
      int end = Math.min(count, start + PER_SPEC);
      Path top = dir.resolve("build-" + start);
      Files.createDirectories(top);
      Path spec = Files.writeString(top.resolve("gen.spec"), spec(start, end, count));
      Peers.run(
          List.of(
              "rpmbuild",
              "--define",
              "_topdir " + top,
              "--define",
              "_binary_payload w1.gzdio",
              "--define",
              "_build_id_links none",
              "--quiet",
              "-bb",
              spec.toString()));
      try (Stream<Path> built = Files.walk(top.resolve("RPMS"))) {
        for (Path rpm : built.filter(p -> p.toString().endsWith(".rpm")).toList()) {
          Files.move(rpm, packages.resolve(rpm.getFileName()));
        }
      }
      PublishBenchmark.deleteQuietly(top);
      System.err.printf("  built %d of %d packages%n", end, count);
    }
    return packages;
  }

  private static long countIn(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".rpm")).count();
    }
  }

  private static String spec(int start, int end, int count) {
    StringBuilder s = new StringBuilder();
    s.append("Name: benchgen").append(start).append("\nVersion: 1.0\nRelease: 1\n");
    s.append("Summary: generator\nLicense: MIT\nBuildArch: noarch\nAutoReqProv: no\n");
    s.append("%description\ngenerator\n");
    for (int i = start; i < end; i++) {
      String name = String.format("bench-%06d", i);
      s.append("%package -n ").append(name).append('\n');
      s.append("Summary: Benchmark package ").append(i).append('\n');
      s.append("Version: 1.").append(i % 7).append('\n');
      s.append("Requires: ").append(String.format("bench-%06d", (i * 7 + 1) % count)).append('\n');
      s.append("%description -n ").append(name).append("\nPackage ").append(i).append(".\n");
      s.append("%files -n ").append(name).append("\n/usr/share/bench/").append(i).append(".txt\n");
    }
    s.append("%install\nmkdir -p %{buildroot}/usr/share/bench\n");
    s.append("for i in $(seq ").append(start).append(' ').append(end - 1).append(");");
    s.append(" do echo $i > %{buildroot}/usr/share/bench/$i.txt; done\n");
    return s.toString();
  }
}
