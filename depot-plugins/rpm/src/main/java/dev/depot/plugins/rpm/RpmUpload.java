package dev.depot.plugins.rpm;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.FileDigestMismatchException;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.publish.upload.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An uploaded package becoming a unit: its key comes from its own headers (what the client claimed
 * must agree, and a source package is an {@code srpm}, a binary one an {@code rpm}), and a file
 * that is not a sound RPM is refused with nothing stored.
 */
final class RpmUpload {
  private RpmUpload() {}

  static UploadReport importFile(
      String typeId,
      Map<String, Object> claimedKey,
      Path file,
      UploadConduit conduit,
      SignaturePolicy signatures) {
    if (!RpmTypes.RPM.equals(typeId) && !RpmTypes.SRPM.equals(typeId)) {
      return refused(YumImporter.ID + " takes rpm and srpm units, not " + typeId, claimedKey);
    }
    if (file == null) {
      return refused("an " + typeId + " upload needs the package file", claimedKey);
    }
    RpmPackage p;
    long fileTime;
    try {
      p = RpmReader.read(file);
      fileTime = Files.getLastModifiedTime(file).toMillis() / 1000;
      checkType(typeId, p);
      checkClaim(claimedKey, RpmUnit.key(p));
      String refusal = signatures.refusal(p);
      if (refusal != null) {
        throw new InvalidRpmException(p.nevra().fileName() + " is refused: " + refusal);
      }
    } catch (InvalidRpmException e) {
      return refused(e.getMessage(), claimedKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Object> key = RpmUnit.key(p);
    UploadedFile upload =
        new UploadedFile(
            typeId,
            key,
            RpmUnit.metadata(p, fileTime),
            p.nevra().fileName(),
            file,
            FileDigest.sha256(p.sha256()));
    try {
      upload.storeOrReuse(conduit);
    } catch (FileDigestMismatchException e) {
      return refused(e.getMessage(), claimedKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Map<String, Object>> replaced = removeOtherBuilds(typeId, key, conduit);
    return UploadReport.success(
        Map.of("unit_key", key),
        replaced.isEmpty() ? Map.of() : Map.of("replaced_unit_keys", replaced));
  }

  /**
   * Takes out of the repository its other builds of the uploaded package's NEVRA (another checksum:
   * rebuilt or signed again, or the same file under another checksum type), as Pulp's upload does:
   * a yum repository lists one package per NEVRA, and with both every publish would fail, the two
   * wanting one file name.
   *
   * @return the unit keys of the builds that left
   */
  private static List<Map<String, Object>> removeOtherBuilds(
      String typeId, Map<String, Object> key, UploadConduit conduit) {
    Map<String, Object> nevra = new LinkedHashMap<>();
    for (String field : List.of("name", "epoch", "version", "release", "arch")) {
      nevra.put(field, key.get(field));
    }
    List<Unit> others;
    try (Stream<Unit> held = conduit.units(UnitCriteria.ofTypes(typeId).withFilters(nevra))) {
      others = held.filter(u -> !u.unitKey().equals(key)).toList();
    }
    others.forEach(conduit::removeUnit);
    return others.stream().map(Unit::unitKey).toList();
  }

  private static UploadReport refused(String message, Map<String, Object> claimedKey) {
    return UploadReport.failure(
        message, claimedKey == null ? Map.of() : Map.of("unit_key", claimedKey));
  }

  private static void checkType(String typeId, RpmPackage p) throws InvalidRpmException {
    String actual = RpmUnit.typeOf(p);
    if (!actual.equals(typeId)) {
      throw new InvalidRpmException(
          p.nevra().fileName()
              + " is "
              + (p.source()
                  ? "a source package: upload it as srpm"
                  : "a binary package: upload" + " it as rpm")
              + ", not as "
              + typeId);
    }
  }

  private static void checkClaim(Map<String, Object> claimed, Map<String, Object> key)
      throws InvalidRpmException {
    if (claimed == null) {
      return;
    }
    for (Map.Entry<String, Object> field : claimed.entrySet()) {
      if (!key.containsKey(field.getKey())) {
        throw new InvalidRpmException("unit_key has an unknown field: " + field.getKey());
      }
      if (!String.valueOf(key.get(field.getKey())).equals(String.valueOf(field.getValue()))) {
        throw new InvalidRpmException(
            "unit_key "
                + field.getKey()
                + " "
                + field.getValue()
                + " does not match the package's header ("
                + key.get(field.getKey())
                + ")");
      }
    }
  }
}
