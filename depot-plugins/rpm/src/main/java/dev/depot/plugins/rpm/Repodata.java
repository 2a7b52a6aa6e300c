package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import dev.depot.publish.tree.RootedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A yum repository's {@code repodata/} written as units stream by: primary, filelists and other
 * from each package's stored elements (its location filled in), updateinfo from the errata and
 * comps (plain and gzipped) from the comps units when there are any, the carried metadata files
 * ({@link RepoMetadataFiles}) as they are, then repomd.xml listing them. What a publish and an
 * export of an RPM repository both write; memory holds one package at a time.
 */
final class Repodata implements AutoCloseable {
  /** The directory's name, beside {@code Packages/}. */
  static final String DIR = "repodata";

  static final String PRIMARY_NS =
      "xmlns=\"http://linux.duke.edu/metadata/common\""
          + " xmlns:rpm=\"http://linux.duke.edu/metadata/rpm\"";
  static final String FILELISTS_NS = "xmlns=\"http://linux.duke.edu/metadata/filelists\"";
  static final String OTHER_NS = "xmlns=\"http://linux.duke.edu/metadata/other\"";

  /** Where primary, filelists and other go: streamed files, or segmented ones a publish reuses. */
  interface PackageFiles extends AutoCloseable {
    /** Lists a package whose file is at {@code location} below the top directory. */
    void add(Unit unit, String location) throws IOException;

    /** The packages listed so far, by NEVRA: what errata may name. */
    PackageNevras listed();

    /** Completes the files; answers what repomd.xml lists of each. */
    List<RepodataFile.Measured> finish() throws IOException;

    /** Drops what a failed or cancelled write left. */
    @Override
    void close() throws IOException;
  }

  private final Path dir;
  private final PackageFiles packages;
  private RepodataFile updateinfo;
  private RepodataFile comps;
  private RepodataFile modules;
  private final Map<String, Unit> carried = new java.util.TreeMap<>();
  private OldRepodata old = OldRepodata.NONE;

  /** Starts the files in {@code <top>/repodata}, for a number of packages known at the end. */
  Repodata(Path top) throws IOException {
    this.dir = directory(top);
    this.packages = new StreamedPackageFiles(dir);
  }

  /**
   * Starts the files in {@code <top>/repodata}, primary, filelists and other in {@code packages}.
   */
  Repodata(Path top, PackageFiles packages) throws IOException {
    this.dir = directory(top);
    this.packages = packages;
  }

  /**
   * {@code <top>/repodata}, made when missing. A tree taken over may have a link there, planted by
   * hand: writing through it would put metadata elsewhere, and delete the old files found there.
   *
   * @throws dev.depot.publish.tree.OutsideRootException when it leads out of {@code top}
   */
  static Path directory(Path top) throws IOException {
    Path dir = top.resolve(DIR);
    RootedFiles.createDirectoriesInside(top, dir);
    return dir;
  }

  /**
   * A package's elements in primary, filelists and other, as stored at import with its {@code
   * location} filled in.
   */
  static String[] packageElements(Unit unit, String location) {
    Map<?, ?> xml = (Map<?, ?>) unit.metadata().get(RpmUnit.REPODATA);
    String href = Xml.escape(location);
    return new String[] {
      String.valueOf(xml.get("primary")).replace(PackageXml.LOCATION_MARK, href),
      String.valueOf(xml.get("filelists")),
      String.valueOf(xml.get("other"))
    };
  }

  /** Keeps metadata files no longer listed as {@code old} says (by default none are kept). */
  Repodata keepingOld(OldRepodata old) {
    this.old = old;
    return this;
  }

  /**
   * Adds a unit: a package, whose file is at {@code location} below the top directory, or an
   * erratum or comps unit (no location), which go to updateinfo and comps. Packages come first: an
   * erratum lists only the packages listed before it.
   */
  void add(Unit unit, String location) throws IOException {
    if (RpmTypes.DISTRIBUTION.equals(unit.typeId())) {
      return; // a kickstart tree: files beside the repository, in no metadata
    }
    if (RpmTypes.REPO_METADATA_FILE.equals(unit.typeId())) {
      // Copied at the end; of two of a kind (a copy brought another) the later added wins.
      carried.put(String.valueOf(unit.unitKey().get("data_type")), unit);
      return;
    }
    if (RpmTypes.ERRATUM.equals(unit.typeId())) {
      if (updateinfo == null) {
        updateinfo = new RepodataFile(dir, "updateinfo", "updateinfo", "updates", "");
      }
      updateinfo.add(UpdateinfoXml.render(unit, packages.listed()));
      return;
    }
    if (RpmTypes.MODULEMD.equals(unit.typeId())
        || RpmTypes.MODULEMD_DEFAULTS.equals(unit.typeId())) {
      if (modules == null) {
        modules = new RepodataFile(dir, "modules", "modules", null, "");
      }
      modules.add(String.valueOf(unit.metadata().get("document")));
      return;
    }
    if (RpmTypes.COMPS.contains(unit.typeId())) {
      if (comps == null) {
        comps = new RepodataFile(dir, "group_gz", "comps", "comps", "");
      }
      comps.add(CompsXml.render(unit));
      return;
    }
    packages.add(unit, location);
  }

  /** Completes the files and repomd.xml; answers their paths below the top directory. */
  List<String> finish() throws IOException {
    List<RepodataFile.Measured> measured = new ArrayList<>(packages.finish());
    if (updateinfo != null) {
      measured.add(updateinfo.finish(0));
    }
    if (modules != null) {
      measured.add(modules.finish(0));
    }
    if (comps != null) { // as createrepo_c -g: plain for old clients, gzipped for the rest
      RepodataFile.Measured gz = comps.finish(0);
      measured.add(RepodataFile.plainOf(dir, gz, "group", "comps"));
      measured.add(gz);
    }
    for (Unit unit : carried.values()) {
      RepodataFile.Measured file = RepoMetadataFiles.publish(dir, unit);
      if (measured.stream().noneMatch(m -> m.type().equals(file.type()))) {
        measured.add(file); // never in place of what Depot writes itself
      }
    }
    Repomd.write(dir, measured, Instant.now().getEpochSecond(), old);
    List<String> written = new ArrayList<>();
    measured.forEach(m -> written.add(m.href()));
    written.add(DIR + "/repomd.xml");
    return written;
  }

  /** Drops what a failed or cancelled write left. */
  @Override
  public void close() throws IOException {
    try (packages;
        RepodataFile u = updateinfo;
        RepodataFile c = comps;
        RepodataFile m = modules) {
      // each closes, even when another fails
    }
  }
}
