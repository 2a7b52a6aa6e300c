package dev.depot.plugins.file;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.FileDigestMismatchException;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.publish.upload.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Imports one uploaded file as an {@code iso} unit. The unit key's {@code checksum} and {@code
 * size} are checked against the bytes (and filled in when the client left them out), so a unit's
 * key always describes its file; {@link UploadedFile} then stores it, or only associates the unit
 * when the file is already stored.
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
    UploadedFile upload =
        new UploadedFile(
            FileContentTypes.ISO,
            entry.unitKey(),
            Map.of(),
            entry.fileName(),
            file,
            FileDigest.sha256(entry.checksum()));
    try {
      upload.storeOrReuse(conduit);
    } catch (FileDigestMismatchException e) {
      // The upload changed after it was checked: refused like a wrong checksum, not a crash.
      return UploadReport.failure(e.getMessage(), Map.of("unit_key", unitKey));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return UploadReport.success(Map.of("unit_key", entry.unitKey()), Map.of());
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
}
