package dev.depot.plugins.puppet;

import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSink;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;

/**
 * A release's tarball never changes: a module's key is its author, name and version, not its
 * digest, so a tarball under a stored key with other bytes is another module claiming the same
 * release. Stored, it would be dropped in favour of the stored one while the upload or sync said it
 * was added; it is refused instead, naming both digests.
 */
final class StoredReleases {
  private StoredReleases() {}

  /**
   * Why {@code id} with this SHA-256 cannot be stored, if a release of that key is stored with
   * other bytes. Asks the database only when the key's file is in the content store.
   */
  static Optional<String> conflict(UnitSink sink, ModuleId id, String sha256) {
    Unit placed = sink.initUnit(PuppetTypes.MODULE, id.unitKey(), Map.of(), id.fileName());
    if (placed.storagePath() == null || !Files.isRegularFile(placed.storagePath())) {
      return Optional.empty();
    }
    Object stored =
        sink.findUnit(PuppetTypes.MODULE, id.unitKey())
            .map(u -> u.metadata().get("file_sha256"))
            .orElse(null);
    if (stored == null || stored.equals(sha256)) {
      return Optional.empty();
    }
    return Optional.of(
        id.releaseSlug()
            + " is stored already with other content (SHA-256 "
            + stored
            + "; this tarball "
            + sha256
            + "): a release does not change once published. Give the module a new version, or"
            + " remove the stored release from every repository and delete orphans first");
  }
}
