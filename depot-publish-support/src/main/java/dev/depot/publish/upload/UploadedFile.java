package dev.depot.publish.upload;

import dev.depot.plugin.FileDigest;
import dev.depot.plugin.MissingUnitFilesException;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A file a user uploaded, with the unit key the type worked out for it: what an importer's {@code
 * uploadUnit} hands to {@link #storeOrReuse} once it has checked the key against the file.
 *
 * <p>Uploading a file that is already stored only associates the stored unit; its bytes are not
 * copied again. Otherwise the file is stored ({@link UnitSink#storeFile}, digest checked) and the
 * unit saved. The uploaded file stays where it is: it is the client's until it deletes the upload
 * request, as in Pulp.
 *
 * <pre>{@code
 * UploadedFile upload =
 *     new UploadedFile("iso", unitKey, Map.of(), name, file, FileDigest.sha256(checksum));
 * Unit unit = upload.storeOrReuse(conduit).unit();
 * }</pre>
 *
 * @param typeId the content type
 * @param unitKey the values of the type's unit key fields (all of them)
 * @param metadata other fields
 * @param fileName the file's name in the content store
 * @param file the uploaded file
 * @param expected the digest the file must have, or null when the type checked it already
 */
public record UploadedFile(
    String typeId,
    Map<String, Object> unitKey,
    Map<String, Object> metadata,
    String fileName,
    Path file,
    FileDigest expected) {

  /** Checks what is required and copies the maps. */
  public UploadedFile {
    Objects.requireNonNull(typeId, "typeId");
    unitKey = Map.copyOf(Objects.requireNonNull(unitKey, "unitKey"));
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(file, "file");
  }

  /** What became of an upload: the unit it is now, stored before or by this upload. */
  public sealed interface Outcome permits Reused, Stored {
    /** The saved unit, associated with the repository. */
    Unit unit();
  }

  /**
   * The unit was stored already; it was associated and the upload's bytes were not copied.
   *
   * @param unit the saved unit
   */
  public record Reused(Unit unit) implements Outcome {}

  /**
   * The upload's bytes were stored as the unit's file and the unit saved.
   *
   * @param unit the saved unit
   */
  public record Stored(Unit unit) implements Outcome {}

  /**
   * Associates the stored unit with this key if there is one, else stores the file and saves the
   * unit.
   *
   * @param sink the upload's conduit
   * @return which of the two happened, with the saved unit
   * @throws dev.depot.plugin.FileDigestMismatchException when the file does not have the expected
   *     digest; nothing is stored or saved
   * @throws IOException when the file cannot be read or stored
   */
  public Outcome storeOrReuse(UnitSink sink) throws IOException {
    Optional<Unit> reused = sink.findUnit(typeId, unitKey).flatMap(stored -> reuse(sink, stored));
    if (reused.isPresent()) {
      return new Reused(reused.get());
    }
    Unit unit = sink.storeFile(typeId, unitKey, metadata, fileName, file, expected);
    return new Stored(sink.saveUnit(unit));
  }

  /**
   * Saves the stored unit; empty when an orphan cleanup removed its file, before or while we
   * looked, and the uploaded bytes must take its place.
   */
  private static Optional<Unit> reuse(UnitSink sink, Unit stored) {
    if (stored.storagePath() != null && !Files.isRegularFile(stored.storagePath())) {
      return Optional.empty();
    }
    try {
      return Optional.of(sink.saveUnit(stored));
    } catch (MissingUnitFilesException e) {
      return Optional.empty();
    }
  }
}
