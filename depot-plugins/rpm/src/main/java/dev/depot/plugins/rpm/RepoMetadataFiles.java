package dev.depot.plugins.rpm;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.sync.SyncProgress;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pulp's {@code yum_repo_metadata_file}: metadata a feed lists that Depot carries as it is (a
 * product id, an AppStream catalogue, ...), one file per kind ({@code data_type}) and repository. A
 * sync brings each, verified against repomd.xml, as a unit keyed by kind and SHA-256, so a unit's
 * file never changes under a repository version that holds it; the repository keeps the feed's
 * current one of each kind. A publish copies each into {@code repodata/} and lists it in repomd.xml
 * as the feed did.
 *
 * <p>Pulp keys the type by kind and repository id and rewrites the file in place; Depot's key has
 * the digest instead, since a unit's file is shared by every version that holds it.
 */
final class RepoMetadataFiles {
  /** Fields of a unit's metadata beyond its key. */
  static final String NAME = "file_name";

  static final String SIZE = "size";
  static final String OPEN_CHECKSUM = "open_checksum";
  static final String OPEN_SIZE = "open_size";

  /** Kinds safe in an XML attribute and a file name. */
  private static final Pattern KIND = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,63}");

  /** File names as repodata holds them, less the digest prefix. */
  private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]{0,127}");

  private static final Pattern DIGEST_PREFIX = Pattern.compile("^[0-9a-fA-F]{32,128}-");

  private final SyncConduit conduit;
  private final Downloader downloader;
  private final SyncProgress progress;

  RepoMetadataFiles(SyncConduit conduit, Downloader downloader, SyncProgress progress) {
    this.conduit = conduit;
    this.downloader = downloader;
    this.progress = progress;
  }

  /**
   * Brings the kinds in {@code kinds} that {@code repomd} lists; a file that fails is named in the
   * report. With {@code removeMissing}, kinds the feed no longer lists leave the repository.
   *
   * @return the units removed
   */
  long sync(URI feedDir, Path work, RemoteRepomd repomd, List<String> kinds, boolean removeMissing)
      throws InterruptedException {
    long removed = 0;
    for (String kind : kinds) {
      RemoteRepomd.Record record = repomd.record(kind).orElseThrow();
      try {
        Unit unit = bring(feedDir, work, record);
        removed += replaced(kind, unit);
      } catch (DownloadFailure e) {
        progress.failed(record.href(), e);
      } catch (IOException | IllegalArgumentException e) {
        progress.failed(record.href(), e.getMessage());
      }
    }
    if (removeMissing) {
      removed += removeUnlisted(kinds);
    }
    return removed;
  }

  private Unit bring(URI feedDir, Path work, RemoteRepomd.Record record)
      throws IOException, InterruptedException {
    String name = fileName(record.href());
    Path file = work.resolve("metadata-file-" + name);
    MetadataFiles.fetchVerified(downloader, feedDir, record, file);
    Described unit = describe(record.type(), name, file);
    Unit stored =
        conduit.adoptFile(
            RpmTypes.REPO_METADATA_FILE,
            unit.key(),
            unit.metadata(),
            name,
            file,
            FileDigest.sha256(unit.sha256()));
    Files.deleteIfExists(file); // left where it was when the store held it already
    return conduit.saveUnit(stored);
  }

  /** Kinds Depot writes itself from the units: never carried, never uploaded. */
  static final java.util.Set<String> WRITTEN =
      java.util.Set.of(
          "primary",
          "filelists",
          "other",
          "updateinfo",
          "modules",
          "group",
          "group_gz",
          "group_xz",
          "group_zst",
          "group_bz2");

  /** A metadata file's unit key and metadata. */
  record Described(Map<String, Object> key, Map<String, Object> metadata) {
    String sha256() {
      return String.valueOf(key.get("checksum"));
    }
  }

  /**
   * The unit of the metadata file {@code file} of kind {@code kind}, to go by {@code name}: its
   * digests and sizes, stored and opened (through its compression, as dnf reads it).
   *
   * @throws IllegalArgumentException when the kind or name cannot be published
   */
  static Described describe(String kind, String name, Path file) throws IOException {
    if (kind == null || !KIND.matcher(kind).matches() || WRITTEN.contains(kind)) {
      throw new IllegalArgumentException(
          "data_type " + kind + " cannot be carried: Depot writes it, or it is not a kind name");
    }
    if (!FILE.matcher(name).matches()) {
      throw new IllegalArgumentException("a metadata file cannot be named " + name);
    }
    String sha256;
    try (InputStream in = Files.newInputStream(file);
        MeasuredOutput stored = new MeasuredOutput(OutputStream.nullOutputStream())) {
      in.transferTo(stored);
      sha256 = stored.sha256();
    }
    MeasuredOutput open = new MeasuredOutput(OutputStream.nullOutputStream());
    try (InputStream in = MetadataFiles.open(file, name)) {
      in.transferTo(open);
    }
    Map<String, Object> key = new LinkedHashMap<>();
    key.put("data_type", kind);
    key.put("checksum", sha256);
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("checksumtype", "sha256");
    metadata.put(NAME, name);
    metadata.put(SIZE, Files.size(file));
    metadata.put(OPEN_CHECKSUM, open.sha256());
    metadata.put(OPEN_SIZE, open.size());
    return new Described(key, metadata);
  }

  /**
   * The name a file goes by in repodata, from the feed's: {@code 1a2b...-productid.gz} is {@code
   * productid.gz}.
   */
  static String fileName(String href) {
    String base = href.substring(href.lastIndexOf('/') + 1);
    String name = DIGEST_PREFIX.matcher(base).replaceFirst("");
    if (!FILE.matcher(name).matches()) {
      throw new IllegalArgumentException("repomd.xml names a file Depot will not store: " + base);
    }
    return name;
  }

  /** Removes the repository's other units of {@code kind}: it keeps the feed's current one. */
  private long replaced(String kind, Unit current) {
    List<Unit> old = new ArrayList<>();
    try (Stream<Unit> units = conduit.units(UnitCriteria.ofTypes(RpmTypes.REPO_METADATA_FILE))) {
      units
          .filter(u -> kind.equals(u.unitKey().get("data_type")))
          .filter(u -> !current.unitKey().get("checksum").equals(u.unitKey().get("checksum")))
          .forEach(old::add);
    }
    old.forEach(conduit::removeUnit);
    return old.size();
  }

  private long removeUnlisted(List<String> kinds) {
    return dev.depot.publish.sync.MissingUnits.remove(
        conduit, RpmTypes.REPO_METADATA_FILE, u -> kinds.contains(u.unitKey().get("data_type")));
  }

  /**
   * Copies a unit's file into {@code repodata} as {@code <sha256>-<name>} and answers what
   * repomd.xml lists of it.
   */
  static RepodataFile.Measured publish(Path repodata, Unit unit) throws IOException {
    Map<String, Object> key = unit.unitKey();
    Map<String, Object> metadata = unit.metadata();
    String sha256 = String.valueOf(key.get("checksum"));
    String name = sha256 + "-" + metadata.get(NAME);
    Path temp = repodata.resolve("." + name + ".tmp");
    Files.copy(unit.storagePath(), temp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.move(temp, repodata.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return new RepodataFile.Measured(
        String.valueOf(key.get("data_type")),
        Repodata.DIR + "/" + name,
        sha256,
        String.valueOf(metadata.get(OPEN_CHECKSUM)),
        ((Number) metadata.get(SIZE)).longValue(),
        ((Number) metadata.get(OPEN_SIZE)).longValue());
  }
}
