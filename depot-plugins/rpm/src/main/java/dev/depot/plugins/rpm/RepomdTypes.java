package dev.depot.plugins.rpm;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a yum sync does with each kind of metadata a feed's repomd.xml lists: the ones it reads
 * (each to the step that reads it), the ones it has no need of because a publish writes them anew
 * from the units (filelists, other, their sqlite and zchunk forms), and the rest, which it does not
 * bring yet and names in the sync report so a mirror's missing delta RPMs or product ids are not a
 * surprise found later.
 */
final class RepomdTypes {
  /** The step of a sync that reads a kind of metadata. */
  enum Step {
    PACKAGES,
    ERRATA,
    MODULES,
    COMPS
  }

  /**
   * The kinds read, each to its step, in order of preference where a step reads one of several
   * ({@code group_gz} before {@code group}: the same comps, smaller). A new kind is wired here.
   */
  static final Map<String, Step> READ = read();

  private static Map<String, Step> read() {
    Map<String, Step> read = new LinkedHashMap<>();
    read.put("primary", Step.PACKAGES);
    read.put("updateinfo", Step.ERRATA);
    read.put("modules", Step.MODULES);
    read.put("group_gz", Step.COMPS);
    // createrepo_c names compressed comps by its compression: --general-compress-type=xz makes
    // group_xz. Carried as a file, a curated repository would serve the feed's groups unchanged.
    read.put("group_xz", Step.COMPS);
    read.put("group_zst", Step.COMPS);
    read.put("group_bz2", Step.COMPS);
    read.put("group", Step.COMPS);
    return Collections.unmodifiableMap(read);
  }

  /** The record a step reads: the first kind of {@link #READ} for it that repomd lists. */
  static Optional<RemoteRepomd.Record> recordFor(RemoteRepomd repomd, Step step) {
    return READ.entrySet().stream()
        .filter(e -> e.getValue() == step)
        .map(e -> repomd.record(e.getKey()))
        .flatMap(Optional::stream)
        .findFirst();
  }

  /** Kinds a publish writes anew from the units' own metadata. */
  private static final Set<String> REWRITTEN =
      Set.of("filelists", "other", "primary_db", "filelists_db", "other_db");

  private RepomdTypes() {}

  /**
   * Kinds that describe the feed's packages one by one: carried as they are, they would name
   * packages a curated repository does not hold (deltas, extended file lists, SUSE's per-package
   * data). They stay unsynced until Depot builds them.
   */
  private static final Set<String> PER_PACKAGE =
      Set.of("prestodelta", "deltainfo", "filelists_ext", "susedata");

  /**
   * The kinds in {@code listed} a sync neither reads, rewrites on publish nor (with {@code
   * carrying}) carries as files, in repomd's order.
   */
  static List<String> notSynced(List<String> listed, boolean carrying) {
    List<String> carried = carrying ? carried(listed) : List.of();
    return listed.stream()
        .filter(t -> !READ.containsKey(t) && !REWRITTEN.contains(t) && !isZchunkOfKnown(t))
        .filter(t -> !carried.contains(t) && !carried.contains(zchunkBase(t)))
        .toList();
  }

  /**
   * The kinds in {@code listed} a sync brings as {@code yum_repo_metadata_file} units: the rest of
   * what it does not read, less per-package and other forms (sqlite, zchunk) of the same data.
   */
  static List<String> carried(List<String> listed) {
    return listed.stream()
        .filter(t -> !READ.containsKey(t) && !REWRITTEN.contains(t))
        .filter(t -> !PER_PACKAGE.contains(t) && !t.endsWith("_zck") && !t.endsWith("_db"))
        .toList();
  }

  /** {@code primary_zck}, {@code updateinfo_zck}, ...: the same data in another format. */
  private static boolean isZchunkOfKnown(String type) {
    String base = zchunkBase(type);
    return READ.containsKey(base) || REWRITTEN.contains(base);
  }

  /** The kind a zchunk kind is another format of ({@code appstream} of {@code appstream_zck}). */
  private static String zchunkBase(String type) {
    return type.endsWith("_zck") ? type.substring(0, type.length() - "_zck".length()) : "";
  }
}
