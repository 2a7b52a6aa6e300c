package dev.depot.plugins.rpm;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A {@code yum_repo_metadata_file} uploaded, as Pulp took one: {@code unit_key} names its {@code
 * data_type} (a product id, say), the file is the metadata as repomd.xml is to list it ({@code
 * unit_metadata.file_name} names it in repodata, by default the kind). A publish lists it beside
 * the metadata Depot writes; of two files of a kind in a repository the later added is published.
 */
final class MetadataFileUpload {
  private MetadataFileUpload() {}

  static UploadReport importFile(
      Map<String, Object> unitKey, Map<String, Object> metadata, Path file, UploadConduit conduit) {
    Object kind = unitKey == null ? null : unitKey.get("data_type");
    if (!(kind instanceof String dataType)) {
      return UploadReport.failure(
          "a yum_repo_metadata_file upload needs unit_key data_type (e.g. productid)", Map.of());
    }
    if (file == null) {
      return UploadReport.failure("a yum_repo_metadata_file upload needs its file", Map.of());
    }
    Object named = metadata == null ? null : metadata.get(RepoMetadataFiles.NAME);
    String name = named instanceof String text ? text : dataType;
    RepoMetadataFiles.Described unit;
    try {
      unit = RepoMetadataFiles.describe(dataType, name, file);
    } catch (IllegalArgumentException | IOException e) {
      return UploadReport.failure(
          "yum_repo_metadata_file: " + e.getMessage(), Map.of("unit_key", unitKey));
    }
    try {
      conduit.saveUnit(
          conduit.storeFile(
              RpmTypes.REPO_METADATA_FILE,
              unit.key(),
              unit.metadata(),
              name,
              file,
              FileDigest.sha256(unit.sha256())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return UploadReport.success(Map.of("unit_key", unit.key()), Map.of());
  }
}
