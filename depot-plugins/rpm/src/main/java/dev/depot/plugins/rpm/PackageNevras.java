package dev.depot.plugins.rpm;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A set of packages by name-epoch-version-release-arch. Above all every package a repodata lists,
 * so that its errata list only packages the repository holds, as Pulp's updateinfo does: an erratum
 * is one unit for every repository holding it, and its package list names the packages of every
 * repository it came from (a curated repository may hold some of them only).
 *
 * <p>Each NEVRA is kept as a 64-bit hash, 8 bytes a package (800 KB at 100,000 packages), not as
 * the package: a collision (odds about one in 10^9 at a million packages) only keeps a package in
 * an erratum's list that the repository lacks, as before this narrowing.
 */
final class PackageNevras {
  private static final List<String> FIELDS = List.of("name", "epoch", "version", "release", "arch");

  private long[] hashes = new long[1024];
  private int size;
  private boolean sorted = true;

  /** Lists a package by its unit key (name, epoch, version, release, arch). */
  void add(Map<String, Object> unitKey) {
    add(hash(unitKey));
  }

  /** Lists a package by its {@link #hash}. */
  void add(long hash) {
    if (size == hashes.length) {
      hashes = Arrays.copyOf(hashes, size * 2);
    }
    hashes[size++] = hash;
    sorted = false;
  }

  /** Whether no package is listed. */
  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Whether a package of an erratum's list (name, epoch, version, release, arch; no epoch is 0) is
   * listed.
   */
  boolean contains(Map<?, ?> pkg) {
    if (!sorted) {
      Arrays.sort(hashes, 0, size);
      sorted = true;
    }
    return Arrays.binarySearch(hashes, 0, size, hash(pkg)) >= 0;
  }

  /**
   * Lists a package by a module's artifact name, {@code name-epoch:version-release.arch} as
   * modules.yaml has it (no epoch is 0); a name not of that form is left out.
   */
  void addArtifact(String artifact) {
    int dot = artifact.lastIndexOf('.');
    int dash = artifact.lastIndexOf('-', dot);
    int dash2 = dash < 0 ? -1 : artifact.lastIndexOf('-', dash - 1);
    if (dot < 0 || dash2 <= 0) {
      return;
    }
    String evr = artifact.substring(dash2 + 1, dash);
    int colon = evr.indexOf(':');
    Map<String, Object> nevra = new java.util.HashMap<>();
    nevra.put("name", artifact.substring(0, dash2));
    nevra.put("epoch", colon < 0 ? "0" : evr.substring(0, colon));
    nevra.put("version", evr.substring(colon + 1));
    nevra.put("release", artifact.substring(dash + 1, dot));
    nevra.put("arch", artifact.substring(dot + 1));
    add(hash(nevra));
  }

  /** A package's NEVRA hash, from a unit key or an erratum's package entry. */
  static long hash(Map<?, ?> nevra) {
    long h = 0xcbf29ce484222325L; // FNV-1a over the five fields, each ended by a zero char
    for (String field : FIELDS) {
      Object value = nevra.get(field);
      String text =
          value == null || value.toString().isEmpty() ? defaultOf(field) : value.toString();
      for (int i = 0; i < text.length(); i++) {
        h = (h ^ text.charAt(i)) * 0x100000001b3L;
      }
      h *= 0x100000001b3L;
    }
    // FNV's low bits mix poorly: finish as MurmurHash3's fmix64 does.
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    return h ^ (h >>> 33);
  }

  private static String defaultOf(String field) {
    return field.equals("epoch") ? "0" : "";
  }
}
