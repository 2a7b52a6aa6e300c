package dev.depot.plugins.rpm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A kickstart tree's {@code .treeinfo} (or {@code treeinfo}), as installers and Pulp read it: which
 * distribution it is ({@code [general]}, or productmd's {@code [release]} and {@code [tree]}), and
 * the files that make it bootable ({@code [images-<arch>]}, {@code [stage2]}, {@code [checksums]}).
 * Files below {@code repodata/} or the package directory are the repository's own and left out; a
 * path that is absolute, climbs out with {@code ..} or hides ({@code .name}) is refused.
 *
 * @param family the distribution's name ({@code Red Hat Enterprise Linux})
 * @param variant its variant ({@code BaseOS}), or empty
 * @param version its version ({@code 9.3})
 * @param arch its architecture
 * @param packagedir where its packages are, relative to the tree ({@code Packages}), or empty
 * @param timestamp when it was built, seconds since 1970, or 0
 * @param files the files of the tree to carry, relative paths, each once
 * @param checksums the digest each file must have, {@code sha256:<hex>}, where the file names one
 */
record TreeInfo(
    String family,
    String variant,
    String version,
    String arch,
    String packagedir,
    long timestamp,
    List<String> files,
    Map<String, String> checksums) {
  private static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_+@~-][A-Za-z0-9_.+@~-]*");

  /** Pulp's id for it: {@code ks-<family>-<variant>-<version>-<arch>}. */
  String distributionId() {
    return "ks-" + family + "-" + variant + "-" + version + "-" + arch;
  }

  /** Pulp's unit key of a {@code distribution}. */
  Map<String, Object> unitKey() {
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("distribution_id", distributionId());
    key.put("family", family);
    key.put("variant", variant);
    key.put("version", version);
    key.put("arch", arch);
    return key;
  }

  /** The largest treeinfo read: real ones are a few kilobytes; a feed's endless one is refused. */
  static final long MAX_SIZE = 1 << 20;

  /**
   * Reads a downloaded treeinfo file, refusing one over {@link #MAX_SIZE} before reading it.
   *
   * @throws IOException naming what is missing or wrong
   */
  static TreeInfo read(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_SIZE) {
      throw new IOException(
          file.getFileName()
              + " is "
              + size
              + " bytes, more than a treeinfo's "
              + MAX_SIZE
              + ": refused");
    }
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Reads a treeinfo file's text.
   *
   * @throws IOException naming what is missing or wrong
   */
  static TreeInfo parse(String text) throws IOException {
    Map<String, Map<String, String>> ini = ini(text);
    Map<String, String> general = ini.getOrDefault("general", Map.of());
    Map<String, String> release = ini.getOrDefault("release", Map.of());
    Map<String, String> tree = ini.getOrDefault("tree", Map.of());
    String family = first(general.get("family"), release.get("name"));
    String version = first(general.get("version"), release.get("version"));
    String arch = first(general.get("arch"), tree.get("arch"));
    String variant = first(general.get("variant"), firstOf(tree.get("variants")));
    if (family.isEmpty() || version.isEmpty() || arch.isEmpty()) {
      throw new IOException(
          "treeinfo names no distribution: it needs family, version and arch in [general]"
              + " (or name and version in [release], arch in [tree])");
    }
    String packagedir = first(general.get("packagedir"), packagesOf(ini, variant));
    long timestamp = timestamp(first(general.get("timestamp"), tree.get("build_timestamp")));
    Set<String> files = new LinkedHashSet<>();
    for (Map.Entry<String, Map<String, String>> section : ini.entrySet()) {
      if (section.getKey().startsWith("images-") || section.getKey().equals("stage2")) {
        files.addAll(section.getValue().values());
      }
    }
    Map<String, String> checksums = new LinkedHashMap<>(ini.getOrDefault("checksums", Map.of()));
    files.addAll(checksums.keySet());
    List<String> carried = new ArrayList<>();
    for (String file : files) {
      String path = checkPath(file);
      if (!path.startsWith("repodata/")
          && (packagedir.isEmpty() || !path.startsWith(stripSlashes(packagedir) + "/"))) {
        carried.add(path);
      }
    }
    checksums.keySet().retainAll(carried);
    return new TreeInfo(family, variant, version, arch, packagedir, timestamp, carried, checksums);
  }

  /** Sections to their keys and values, section names lower-cased; comments and blanks skipped. */
  private static Map<String, Map<String, String>> ini(String text) throws IOException {
    Map<String, Map<String, String>> sections = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String raw : text.split("\r?\n")) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
        continue;
      }
      if (line.startsWith("[") && line.endsWith("]")) {
        String name = line.substring(1, line.length() - 1).strip().toLowerCase(Locale.ROOT);
        current = sections.computeIfAbsent(name, n -> new LinkedHashMap<>());
        continue;
      }
      int eq = line.indexOf('=');
      if (eq <= 0 || current == null) {
        throw new IOException("treeinfo is not an ini file: '" + line + "'");
      }
      current.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
    }
    return sections;
  }

  /** A relative path inside the tree, or an IOException naming it. */
  static String checkPath(String path) throws IOException {
    String[] segments = path.split("/", -1);
    for (String segment : segments) {
      if (!SEGMENT.matcher(segment).matches()) {
        throw new IOException("treeinfo names a file outside the tree or hidden: '" + path + "'");
      }
    }
    return path;
  }

  private static String packagesOf(Map<String, Map<String, String>> ini, String variant) {
    Map<String, String> section = ini.get("variant-" + variant.toLowerCase(Locale.ROOT));
    return section == null ? "" : section.getOrDefault("packages", "");
  }

  private static long timestamp(String text) {
    try {
      return text.isEmpty() ? 0 : (long) Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a : b == null ? "" : b;
  }

  private static String firstOf(String commaSeparated) {
    return commaSeparated == null ? null : commaSeparated.split(",")[0].strip();
  }

  private static String stripSlashes(String dir) {
    return dir.replaceAll("^/+|/+$", "");
  }
}
