package dev.depot.plugins.rpm;

import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An erratum or comps unit uploaded as JSON, as Pulp takes them: no file, the key in {@code
 * unit_key} and the rest in {@code unit_metadata}. Each field is checked ({@link ErratumFields},
 * {@link CompsFields}), a field no unit of the type has is refused ({@link UnknownFields}), and a
 * refusal names the field, with nothing stored. A comps unit's {@code repo_id} is the repository's,
 * as Pulp fills it. A comps unit uploaded again with other content replaces the repository's own;
 * an erratum held already takes a later edition, or packages it does not list yet ({@link
 * ErratumMerge}), and is otherwise refused rather than silently kept as it was.
 */
final class MetadataUpload {
  private MetadataUpload() {}

  /** Whether {@code typeId} is uploaded as JSON rather than as a file. */
  static boolean takes(String typeId) {
    return RpmTypes.ERRATUM.equals(typeId) || RpmTypes.COMPS.contains(typeId);
  }

  static UploadReport importUnit(
      Repository repo,
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      Path file,
      UploadConduit conduit) {
    Map<String, Object> key = new LinkedHashMap<>(unitKey == null ? Map.of() : unitKey);
    if (hasBytes(file)) {
      // An updateinfo.xml or comps.xml sent as a file was refused for its missing id, as if the
      // user had left the key out: say how these units come in. (An empty upload is Pulp's way
      // of sending none.)
      return UploadReport.failure(
          typeId
              + " is uploaded as JSON, not as a file: depot repo upload-unit REPO --type "
              + typeId
              + (RpmTypes.LANGPACKS.equals(typeId) ? "" : " --key id=ID")
              + " --metadata @FIELDS.json (a feed's updateinfo and comps come in"
              + " by sync)",
          Map.of("unit_key", key));
    }
    Map<String, Object> fields;
    try {
      fields =
          RpmTypes.LANGPACKS.equals(typeId)
              ? checkLangpacks(repo, key, metadata == null ? Map.of() : metadata)
              : check(repo, typeId, key, metadata == null ? Map.of() : metadata);
      UnknownFields.refuse(metadata == null ? Map.of() : metadata, fields);
    } catch (IllegalArgumentException e) {
      return UploadReport.failure(typeId + ": " + e.getMessage(), Map.of("unit_key", key));
    }
    Unit unit = conduit.initUnit(typeId, key, fields, null);
    Optional<Unit> existing = conduit.findUnit(typeId, key);
    if (existing.isEmpty() || existing.get().metadata().equals(fields)) {
      conduit.saveUnit(unit);
      return UploadReport.success(Map.of("unit_key", key), Map.of());
    }
    if (!RpmTypes.ERRATUM.equals(typeId)) {
      // The repository's own comps unit (its key holds the repository): replaced, as Pulp does.
      conduit.mergeUnit(unit, (held, uploaded) -> uploaded);
      return UploadReport.success(Map.of("unit_key", key), Map.of("replaced", true));
    }
    Map<String, Object> held = existing.get().metadata();
    if (!ErratumMerge.changes(held, fields)) {
      return UploadReport.failure(
          typeId
              + " "
              + key
              + " exists already with other content: upload a later edition of it (a later"
              + " updated date), which amends it, or one listing more packages",
          Map.of("unit_key", key));
    }
    conduit.mergeUnit(unit, ErratumMerge::merge);
    return UploadReport.success(Map.of("unit_key", key), Map.of("merged", true));
  }

  private static boolean hasBytes(Path file) {
    try {
      return file != null && Files.size(file) > 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the uploaded file " + file, e);
    }
  }

  /** A repository's langpacks: keyed by the repository alone (completed in place). */
  private static Map<String, Object> checkLangpacks(
      Repository repo, Map<String, Object> key, Map<String, Object> metadata) {
    Object repoId = key.putIfAbsent("repo_id", repo.id());
    if (!repo.id().equals(repoId == null ? repo.id() : repoId) || key.size() != 1) {
      throw new IllegalArgumentException(
          "unit_key of the langpacks is this repository's id alone (repo_id " + repo.id() + ")");
    }
    return CompsFields.check(RpmTypes.LANGPACKS, metadata);
  }

  /** The checked metadata; the key completed in place. */
  private static Map<String, Object> check(
      Repository repo, String typeId, Map<String, Object> key, Map<String, Object> metadata) {
    Object id = key.get("id");
    if (id == null) {
      // "got null" named neither the key nor how to give it.
      throw new IllegalArgumentException(
          "unit_key id is required: the " + typeId + "'s id (depot repo upload-unit --key id=ID)");
    }
    if (!(id instanceof String text) || !text.matches("[A-Za-z0-9][A-Za-z0-9._:+\\-]*")) {
      throw new IllegalArgumentException(
          "unit_key id must be an id of letters, digits and . _ : + -, got " + id);
    }
    if (RpmTypes.ERRATUM.equals(typeId)) {
      if (key.size() != 1) {
        throw new IllegalArgumentException("unit_key of an erratum is its id alone");
      }
      return ErratumFields.check(metadata);
    }
    Object repoId = key.putIfAbsent("repo_id", repo.id());
    if (repoId != null && !repoId.equals(repo.id())) {
      throw new IllegalArgumentException(
          "unit_key repo_id " + repoId + " is not this repository (" + repo.id() + ")");
    }
    if (key.size() != 2) {
      throw new IllegalArgumentException("unit_key of " + typeId + " is id and repo_id");
    }
    return CompsFields.check(typeId, metadata);
  }
}
