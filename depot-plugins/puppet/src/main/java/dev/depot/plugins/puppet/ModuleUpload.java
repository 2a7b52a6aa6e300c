package dev.depot.plugins.puppet;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.FileDigestMismatchException;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.publish.upload.UploadedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * An uploaded module tarball becoming a unit: its key comes from its own {@code metadata.json}
 * (what the client claimed must agree), and a tarball that is not a sound module is refused with
 * nothing stored.
 */
final class ModuleUpload {
  private ModuleUpload() {}

  static UploadReport importFile(
      String typeId, Map<String, Object> claimedKey, Path file, UploadConduit conduit) {
    if (!PuppetTypes.MODULE.equals(typeId)) {
      return UploadReport.failure(
          PuppetImporter.ID + " takes only " + PuppetTypes.MODULE + " units, not " + typeId, null);
    }
    if (file == null) {
      return UploadReport.failure("a puppet_module upload needs the module's tarball", null);
    }
    ModuleRelease release;
    try {
      release = ModuleTarball.read(file);
      checkClaim(claimedKey, release.id());
    } catch (InvalidModuleException e) {
      return UploadReport.failure(e.getMessage(), Map.of("unit_key", claimedKey));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<String> conflict = StoredReleases.conflict(conduit, release.id(), release.sha256());
    if (conflict.isPresent()) {
      return UploadReport.failure(conflict.get(), Map.of("unit_key", release.id().unitKey()));
    }
    UploadedFile upload =
        new UploadedFile(
            PuppetTypes.MODULE,
            release.id().unitKey(),
            release.metadata(),
            release.id().fileName(),
            file,
            FileDigest.sha256(release.sha256()));
    try {
      upload.storeOrReuse(conduit);
    } catch (FileDigestMismatchException e) {
      return UploadReport.failure(e.getMessage(), Map.of("unit_key", claimedKey));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return UploadReport.success(Map.of("unit_key", release.id().unitKey()), Map.of());
  }

  private static void checkClaim(Map<String, Object> claimed, ModuleId actual)
      throws InvalidModuleException {
    Map<String, Object> key = actual.unitKey();
    for (Map.Entry<String, Object> field : claimed.entrySet()) {
      if (!key.containsKey(field.getKey())) {
        throw new InvalidModuleException("unit_key has an unknown field: " + field.getKey());
      }
      if (!key.get(field.getKey()).equals(field.getValue())) {
        throw new InvalidModuleException(
            "unit_key "
                + field.getKey()
                + " "
                + field.getValue()
                + " does not match the tarball's metadata.json ("
                + key.get(field.getKey())
                + ")");
      }
    }
  }
}
