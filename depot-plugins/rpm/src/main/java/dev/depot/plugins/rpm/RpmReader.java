package dev.depot.plugins.rpm;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads an RPM package's metadata in Java, from its headers alone: what createrepo_c puts in
 * primary, filelists and other for it. A file that is not a sound RPM, or lacks name, version,
 * release or arch, is refused with a message saying what is wrong.
 */
public final class RpmReader {
  private static final int DIRECTORY = 0040000;
  private static final int FILE_TYPE = 0170000;
  private static final int GHOST = 1 << 6;

  private RpmReader() {}

  /** The package in {@code file}. */
  public static RpmPackage read(Path file) throws IOException, InvalidRpmException {
    RpmStructure frame = RpmStructure.read(file);
    RpmHeader h = frame.header();
    boolean source = frame.sourceLead() || !h.has(RpmTags.SOURCERPM);
    String epoch = h.number(RpmTags.EPOCH).map(String::valueOf).orElse("0");
    RpmPackage.Nevra nevra =
        new RpmPackage.Nevra(
            required(h, RpmTags.NAME, "name"),
            epoch,
            required(h, RpmTags.VERSION, "version"),
            required(h, RpmTags.RELEASE, "release"),
            source ? "src" : required(h, RpmTags.ARCH, "arch"));
    RpmPackage.Sizes sizes =
        new RpmPackage.Sizes(
            h.number(RpmTags.LONGSIZE).or(() -> optional(h, RpmTags.SIZE)).orElse(0L),
            archiveSize(frame),
            h.number(RpmTags.BUILDTIME).orElse(0L));
    List<RpmPackage.PackageFile> files = files(h);
    return new RpmPackage(
        nevra,
        source,
        text(h),
        sizes,
        frame.headerStart(),
        frame.headerEnd(),
        dependencies(h, files),
        files,
        changelogs(h),
        frame.sha256(),
        frame.fileSize(),
        SignatureKeys.keyId(frame.signature()));
  }

  private static String required(RpmHeader h, int tag, String what) throws InvalidRpmException {
    String value = h.string(tag).orElse("");
    if (value.isEmpty()) {
      throw new InvalidRpmException("the RPM's header has no " + what);
    }
    return value;
  }

  private static java.util.Optional<Long> optional(RpmHeader h, int tag) {
    try {
      return h.number(tag);
    } catch (InvalidRpmException e) {
      return java.util.Optional.empty(); // a malformed size reads as none, as rpm -q shows
    }
  }

  private static long archiveSize(RpmStructure frame) throws InvalidRpmException {
    RpmHeader sig = frame.signature();
    return sig.number(RpmTags.SIG_LONGARCHIVESIZE)
        .or(() -> optional(sig, RpmTags.SIG_PAYLOADSIZE))
        .or(() -> optional(frame.header(), RpmTags.ARCHIVESIZE))
        .orElse(0L);
  }

  private static Map<String, String> text(RpmHeader h) throws InvalidRpmException {
    Map<String, String> text = new LinkedHashMap<>();
    int[] tags = {
      RpmTags.SUMMARY,
      RpmTags.DESCRIPTION,
      RpmTags.VENDOR,
      RpmTags.LICENSE,
      RpmTags.PACKAGER,
      RpmTags.GROUP,
      RpmTags.URL,
      RpmTags.BUILDHOST,
      RpmTags.SOURCERPM
    };
    String[] names = {
      "summary",
      "description",
      "vendor",
      "license",
      "packager",
      "group",
      "url",
      "buildhost",
      "sourcerpm"
    };
    for (int i = 0; i < tags.length; i++) {
      text.put(names[i], h.string(tags[i]).orElse(""));
    }
    return text;
  }

  /**
   * Each kind's entries, as createrepo_c lists them: requires leave out rpmlib(...), the package's
   * own files that primary lists, what the package itself provides (same name, flags and version)
   * and exact repeats.
   */
  private static Map<RpmTags.Dependency, List<RpmDependency>> dependencies(
      RpmHeader h, List<RpmPackage.PackageFile> files) throws InvalidRpmException {
    Set<String> ownPrimaryFiles = new HashSet<>();
    files.stream()
        .map(RpmPackage.PackageFile::path)
        .filter(PackageXml::inPrimary)
        .forEach(ownPrimaryFiles::add);
    Map<RpmTags.Dependency, List<RpmDependency>> all = new EnumMap<>(RpmTags.Dependency.class);
    Set<List<Object>> provided = new HashSet<>();
    for (RpmTags.Dependency kind : RpmTags.Dependency.values()) {
      List<String> names = h.strings(kind.names);
      long[] flags = h.numbers(kind.flags);
      List<String> versions = h.strings(kind.versions);
      LinkedHashSet<RpmDependency> entries = new LinkedHashSet<>();
      for (int i = 0; i < names.size(); i++) {
        RpmDependency d =
            RpmDependency.of(
                names.get(i),
                i < flags.length ? flags[i] : 0,
                i < versions.size() ? versions.get(i) : null);
        if (kind == RpmTags.Dependency.PROVIDES) {
          provided.add(signature(d));
        } else if (kind == RpmTags.Dependency.REQUIRES
            && (d.name().startsWith("rpmlib(")
                || ownPrimaryFiles.contains(d.name())
                || provided.contains(signature(d)))) {
          continue;
        }
        entries.add(d);
      }
      all.put(kind, List.copyOf(entries));
    }
    return all;
  }

  /** What makes a require the same as a provide: name, comparison and version. */
  private static List<Object> signature(RpmDependency d) {
    return Arrays.asList(d.name(), d.flags(), d.epoch(), d.version(), d.release());
  }

  private static List<RpmPackage.PackageFile> files(RpmHeader h) throws InvalidRpmException {
    List<String> bases = h.strings(RpmTags.BASENAMES);
    List<String> dirs = h.strings(RpmTags.DIRNAMES);
    long[] dirIndexes = h.numbers(RpmTags.DIRINDEXES);
    long[] modes = h.numbers(RpmTags.FILEMODES);
    long[] flags = h.numbers(RpmTags.FILEFLAGS);
    if (dirIndexes.length < bases.size()) {
      throw new InvalidRpmException("the RPM's header lists files without their directories");
    }
    List<RpmPackage.PackageFile> files = new ArrayList<>(bases.size());
    for (int i = 0; i < bases.size(); i++) {
      if (dirIndexes[i] >= dirs.size()) {
        throw new InvalidRpmException("the RPM's header names a directory it does not have");
      }
      String type = null;
      if (i < flags.length && (flags[i] & GHOST) != 0) {
        type = "ghost";
      } else if (i < modes.length && (modes[i] & FILE_TYPE) == DIRECTORY) {
        type = "dir";
      }
      files.add(new RpmPackage.PackageFile(dirs.get((int) dirIndexes[i]) + bases.get(i), type));
    }
    return files;
  }

  private static List<RpmPackage.Changelog> changelogs(RpmHeader h) throws InvalidRpmException {
    long[] times = h.numbers(RpmTags.CHANGELOGTIME);
    List<String> names = h.strings(RpmTags.CHANGELOGNAME);
    List<String> texts = h.strings(RpmTags.CHANGELOGTEXT);
    int count = Math.min(times.length, Math.min(names.size(), texts.size()));
    List<RpmPackage.Changelog> entries = new ArrayList<>(count);
    for (int i = count - 1; i >= 0; i--) { // the header holds the newest first
      entries.add(new RpmPackage.Changelog(names.get(i), times[i], texts.get(i)));
    }
    return entries;
  }
}
