package dev.depot.plugins.file;

import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * Imports one uploaded file as an {@code iso} unit. The unit key's {@code checksum} and {@code
 * size} are checked against the bytes (and filled in when the client left them out), so a unit's
 * key always describes its file. Uploading a file that is already stored only associates it.
 */
final class IsoUpload {
  private IsoUpload() {}

  static UploadReport importFile(
      String typeId, Map<String, Object> unitKey, Path file, UploadConduit conduit) {
    if (!FileContentTypes.ISO.equals(typeId)) {
      return UploadReport.failure("iso_importer takes only iso units, not " + typeId, null);
    }
    ManifestEntry entry;
    try {
      entry = expectedEntry(unitKey, file);
    } catch (IllegalArgumentException e) {
      return UploadReport.failure(e.getMessage(), Map.of("unit_key", unitKey));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Optional<Unit> stored = conduit.findUnit(FileContentTypes.ISO, entry.unitKey());
    try {
      boolean reused =
          stored.isPresent()
              && Files.isRegularFile(stored.get().storagePath())
              && savedAsStored(stored.get(), conduit);
      if (!reused) {
        Unit unit =
            conduit.initUnit(FileContentTypes.ISO, entry.unitKey(), Map.of(), entry.fileName());
        Files.createDirectories(unit.storagePath().getParent());
        move(file, unit.storagePath());
        conduit.saveUnit(unit);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return UploadReport.success(Map.of("unit_key", entry.unitKey()), Map.of());
  }

  /**
   * Adds the unit the store already has; false when an orphan cleanup removed its file meanwhile,
   * and the uploaded bytes must take its place.
   */
  private static boolean savedAsStored(Unit stored, UploadConduit conduit) {
    try {
      conduit.saveUnit(stored);
      return true;
    } catch (MissingUnitFilesException e) {
      return false;
    }
  }

  /** The entry the file really is, after checking what the client claimed about it. */
  private static ManifestEntry expectedEntry(Map<String, Object> unitKey, Path file)
      throws IOException {
    if (!(unitKey.get("name") instanceof String name)) {
      throw new IllegalArgumentException("unit_key needs a name (the file's name)");
    }
    long size = Files.size(file);
    String checksum = sha256(file);
    Object claimedSize = unitKey.get("size");
    if (claimedSize != null
        && !(claimedSize instanceof Number n && n.longValue() == size && !(n instanceof Double))) {
      throw new IllegalArgumentException(
          "unit_key size " + claimedSize + " does not match the uploaded " + size + " bytes");
    }
    Object claimedChecksum = unitKey.get("checksum");
    if (claimedChecksum != null && !checksum.equalsIgnoreCase(String.valueOf(claimedChecksum))) {
      throw new IllegalArgumentException(
          "unit_key checksum "
              + claimedChecksum
              + " does not match the uploaded file's "
              + checksum);
    }
    for (String key : unitKey.keySet()) {
      if (!key.equals("name") && !key.equals("checksum") && !key.equals("size")) {
        throw new IllegalArgumentException("unit_key has an unknown field: " + key);
      }
    }
    return ManifestEntry.of(name, checksum, Long.toString(size));
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always has SHA-256", e);
    }
  }

  private static void move(Path from, Path to) throws IOException {
    Path temp = to.resolveSibling("." + to.getFileName() + ".upload");
    // Copy, not move: the upload request stays the client's until it deletes it, as in Pulp.
    Files.copy(from, temp, StandardCopyOption.REPLACE_EXISTING);
    try {
      Files.move(temp, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(temp, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
