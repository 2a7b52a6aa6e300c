package dev.depot.server.content;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where unit files live: {@code <data>/content/units/<type>/<2 hex>/<digest>/<file name>}, one
 * directory per unit, named by the digest of the unit's key, so a unit's file is stored once
 * whatever number of repositories hold it.
 */
public final class ContentStore {
  private final Path root;

  /**
   * @param dataDir the server's data directory
   */
  public ContentStore(Path dataDir) {
    this.root = dataDir.resolve("content").resolve("units").toAbsolutePath().normalize();
  }

  /** The content store's root. */
  public Path root() {
    return root;
  }

  /**
   * The absolute path of a unit's file.
   *
   * @throws IllegalArgumentException if the file name could escape the unit's directory
   */
  public Path storagePath(String typeId, Map<String, Object> unitKey, String fileName) {
    if (fileName == null
        || fileName.isEmpty()
        || fileName.contains("/")
        || fileName.contains("\\")
        || fileName.equals(".")
        || fileName.equals("..")
        || fileName.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("invalid unit file name: " + fileName);
    }
    String digest = UnitStore.keyDigest(unitKey);
    Path path =
        root.resolve(typeId).resolve(digest.substring(0, 2)).resolve(digest).resolve(fileName);
    if (!path.normalize().startsWith(root)) {
      throw new IllegalArgumentException("invalid unit file name: " + fileName);
    }
    return path;
  }

  /**
   * A new, unsaved unit whose file (when it has one) is to be written at its storage path: what
   * every conduit's {@code initUnit} hands to a plugin.
   */
  public dev.depot.plugin.Unit newUnit(
      String typeId, Map<String, Object> unitKey, Map<String, Object> metadata, String fileName) {
    return new dev.depot.plugin.Unit(
        null,
        typeId,
        unitKey,
        metadata,
        fileName == null ? null : storagePath(typeId, unitKey, fileName));
  }
}
