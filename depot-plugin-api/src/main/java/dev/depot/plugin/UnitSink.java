package dev.depot.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BinaryOperator;

/**
 * Adds units to the conduit's repository.
 *
 * <p>Implemented by the platform and by test doubles, never by plugins.
 */
public interface UnitSink {
  /**
   * Prepares a unit without touching the database: the platform computes where its file belongs in
   * the content store.
   *
   * @param typeId the content type
   * @param unitKey the values of the type's unit key fields (all of them)
   * @param metadata other fields
   * @param fileName the file's name, or null for a unit without a file
   * @return the unit with its absolute {@code storagePath} (null without a file)
   */
  Unit initUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName);

  /**
   * Puts a unit's file in the content store and answers the unit, ready for {@link #saveUnit} and
   * for a publish to link. The file is copied once: if the unit's file is already stored, it is
   * reused and {@code content} is not read at all. Otherwise the bytes go to a temporary file next
   * to the unit's {@code storagePath}, {@code expected} is checked while they are copied, and the
   * file is renamed into place atomically, so a reader never sees a partial file.
   *
   * <p>The default method builds on {@link #initUnit}; a platform may store differently. The unit
   * is not saved: save it (or hand it to a batch) once its file is in place. {@code content} is not
   * closed.
   *
   * @param typeId the content type
   * @param unitKey the values of the type's unit key fields (all of them)
   * @param metadata other fields
   * @param fileName the file's name
   * @param content the file's bytes
   * @param expected the digest the bytes must have, or null when the feed gives none
   * @return the unit, its file at its {@code storagePath}
   * @throws FileDigestMismatchException when the bytes do not have the expected digest; nothing is
   *     left in the content store
   * @throws java.io.InterruptedIOException when the thread is interrupted during the copy
   * @throws IOException when reading or writing fails; nothing is left in the content store
   */
  default Unit storeFile(
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      String fileName,
      InputStream content,
      FileDigest expected)
      throws IOException {
    Unit unit = initUnit(typeId, unitKey, metadata, fileName);
    return StoredFiles.store(unit, fileName, content, expected);
  }

  /**
   * Puts a file that is on disk in the content store, as {@link #storeFile(String, Map, Map,
   * String, InputStream, FileDigest)} does with a stream. {@code file} stays where it is (an upload
   * belongs to its client until deleted); when the unit's file is already stored, {@code file} is
   * not even opened.
   *
   * @param typeId the content type
   * @param unitKey the values of the type's unit key fields (all of them)
   * @param metadata other fields
   * @param fileName the file's name
   * @param file the file to copy in
   * @param expected the digest its bytes must have, or null when none is known
   * @return the unit, its file at its {@code storagePath}
   * @throws FileDigestMismatchException when the bytes do not have the expected digest; nothing is
   *     left in the content store
   * @throws IOException when reading or writing fails; nothing is left in the content store
   */
  default Unit storeFile(
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      String fileName,
      Path file,
      FileDigest expected)
      throws IOException {
    Unit unit = initUnit(typeId, unitKey, metadata, fileName);
    return StoredFiles.store(unit, fileName, file, expected);
  }

  /**
   * Moves a complete file the plugin owns, and has read whole already, into the content store as
   * the unit's file: one rename instead of a second copy. For a download the plugin had to read
   * before it knew the unit's key (a package or module whose key is in its own metadata), where
   * {@link #storeFile(String, Map, Map, String, Path, FileDigest)} would write every byte again.
   * {@code checked} must be the digest the plugin computed over this very file; it is trusted on a
   * rename, and checked on the copy the move falls back to when {@code file} is on another file
   * system than the content store. When the unit's file is stored already, {@code file} is left
   * where it is; otherwise it is gone once this returns. The unit is not saved.
   *
   * @param typeId the content type
   * @param unitKey the values of the type's unit key fields (all of them)
   * @param metadata other fields
   * @param fileName the file's name
   * @param file a complete file the plugin wrote and no one else writes to
   * @param checked the digest the plugin computed over {@code file}'s bytes
   * @return the unit, its file at its {@code storagePath}
   * @throws FileDigestMismatchException on the copying fallback only, when the bytes do not have
   *     the {@code checked} digest; nothing is left in the content store
   * @throws IOException when the move or copy fails; nothing is left in the content store
   */
  default Unit adoptFile(
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      String fileName,
      Path file,
      FileDigest checked)
      throws IOException {
    Unit unit = initUnit(typeId, unitKey, metadata, fileName);
    return StoredFiles.adopt(unit, fileName, file, checked);
  }

  /**
   * Moves a complete directory the plugin wrote (a kickstart tree's images, say: content that is
   * several files) into the content store as the unit's content, in one rename: the unit's {@code
   * storagePath} is then that directory, {@code dirName} its name. Readers never see it partly
   * there. When the unit's content is stored already, {@code dir} is left where it is (the caller
   * deletes it); otherwise it is gone once this returns. The unit is not saved.
   *
   * @param typeId the content type
   * @param unitKey the values of the type's unit key fields (all of them)
   * @param metadata other fields
   * @param dirName the directory's name in the store
   * @param dir a complete directory the plugin wrote and no one else writes to
   * @return the unit, its directory at its {@code storagePath}
   * @throws IOException when the move or the copy it falls back to fails; nothing is left in the
   *     content store
   */
  default Unit adoptDirectory(
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      String dirName,
      Path dir)
      throws IOException {
    Unit unit = initUnit(typeId, unitKey, metadata, dirName);
    return StoredFiles.adoptDirectory(unit, dir);
  }

  /**
   * Stores the unit if no unit of that type and key exists yet, and associates it with the
   * repository. If the unit has a file, it must already be at its {@code storagePath}.
   *
   * @return the saved unit with its id
   * @throws MissingUnitFilesException if the stored unit's file is gone (an orphan cleanup removed
   *     it after the plugin found it); nothing is saved
   */
  Unit saveUnit(Unit unit);

  /**
   * Saves several units as {@link #saveUnit} does, in one database transaction where the platform
   * can: a sync of many small files should not pay a commit per file.
   *
   * @return the saved units, in order
   * @throws MissingUnitFilesException naming the units whose files are gone; none of the batch is
   *     saved
   */
  default List<Unit> saveUnits(List<Unit> units) {
    return units.stream().map(this::saveUnit).toList();
  }

  /**
   * Saves a unit without a file as {@link #saveUnit} does, except that when a unit of that type and
   * key is stored already, {@code merge} decides what metadata it keeps from now on: for content a
   * source amends under the same key, as a yum repository amends an erratum (a newer {@code
   * updated} date, packages of another architecture). The plugin judges what is newer; the platform
   * applies its answer.
   *
   * <p>{@code merge} gets the stored metadata and this unit's, and answers the metadata to keep
   * (the stored map itself, or an equal one, to keep the unit as it is). The platform calls it with
   * the stored unit locked, so two syncs merging into one unit at once both count; it may be called
   * again if the platform retries. Units are shared: every repository and every version holding the
   * unit reads the merged metadata, as in Pulp 2 (versions record which units a repository held,
   * not the units' metadata).
   *
   * @return the stored unit with the metadata it keeps
   * @throws IllegalArgumentException if the unit has a file (a file's unit names its content by its
   *     key, so its metadata does not change)
   * @throws UnsupportedOperationException if this conduit does not merge units (the platform's
   *     sync, copy and upload conduits do)
   */
  default Unit mergeUnit(Unit unit, BinaryOperator<Map<String, Object>> merge) {
    throw new UnsupportedOperationException(
        "this conduit does not merge units into stored ones; save them with saveUnit");
  }

  /**
   * Saves a unit whose source now has other content under the same key, as {@link #saveUnit} does
   * when no unit of that type and key is stored yet, and otherwise makes this unit's content and
   * metadata the stored unit's: for content a source respins under one key, as a distribution
   * rebuilds a kickstart tree's images under the tree's id (Pulp 2 replaced such a tree's files).
   * The plugin decides that the content changed; the platform applies it.
   *
   * <p>The new content must already be at the unit's {@code storagePath}, stored under a name the
   * stored unit's content does not have (a name derived from the content, say): stored content is
   * never rewritten in place, since published trees link to it. Those trees keep serving the old
   * content until they are published again; it stays in the content store for at least the grace
   * period of stray files ({@code Orphans.STRAY_GRACE}, an hour) and goes with the next orphan
   * removal after that. Every repository and version holding the unit reads the new content, as in
   * Pulp 2, and every repository holding it is marked changed, so none skips its next publish. What
   * users set in {@code pulp_user_metadata} stays.
   *
   * @return the stored unit, with this unit's content and metadata
   * @throws IllegalArgumentException if the unit has no file or directory
   * @throws MissingUnitFilesException if the unit's content is not at its {@code storagePath}
   * @throws UnsupportedOperationException if this conduit does not replace units (the platform's
   *     sync conduit does)
   */
  default Unit replaceUnit(Unit unit) {
    throw new UnsupportedOperationException(
        "this conduit does not replace stored units' content; save them with saveUnit");
  }

  /** The unit of that type and key anywhere in the server, if one exists. */
  Optional<Unit> findUnit(String typeId, Map<String, Object> unitKey);

  /**
   * The units of that type and these keys that exist anywhere in the server, looked up together: a
   * sync that checks many listed units against what is stored (advisories its source may have
   * amended, say) asks once per batch of a few hundred instead of once per unit. The default asks
   * {@link #findUnit} for each; the platform's conduits answer in a few queries.
   *
   * @param typeId the content type
   * @param unitKeys the keys (all of each type's unit key fields)
   * @return the stored units by the given key; a key with no unit is absent
   */
  default Map<Map<String, Object>, Unit> findUnits(
      String typeId, Collection<Map<String, Object>> unitKeys) {
    Map<Map<String, Object>, Unit> found = new HashMap<>();
    for (Map<String, Object> key : unitKeys) {
      findUnit(typeId, key).ifPresent(unit -> found.put(key, unit));
    }
    return found;
  }
}
