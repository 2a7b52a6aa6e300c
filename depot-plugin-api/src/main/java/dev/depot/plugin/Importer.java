package dev.depot.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Brings content into a repository: syncs from a remote feed, takes uploads, copies units from
 * another repository.
 *
 * <p>List implementations in {@code META-INF/services/dev.depot.plugin.Importer}; each needs a
 * public no-argument constructor that does nothing expensive. A repository has at most one
 * importer. The platform creates a <em>new instance for every operation</em>, except that {@link
 * #cancelSyncRepo()} is called on the instance running {@link #syncRepo}, from another thread. An
 * importer that only takes uploads need not implement {@code syncRepo}.
 *
 * <p>Example: {@code dev.depot.server.example.EchoImporter} in the server's tests.
 */
public interface Importer {

  /**
   * Hands the instance the server's publish locations and URLs. Called once, right after the
   * instance is created and before any other method; the default ignores it.
   */
  default void init(Platform platform) {}

  /** Id, display name and content types. Called often; must not initialise anything. */
  PluginMetadata metadata();

  /**
   * Checks a proposed configuration before it is stored; called on add and on every update with the
   * whole proposed config as the repository layer. Return {@link ValidationResult#invalid} with a
   * message naming the key.
   */
  ValidationResult validateConfig(Repository repo, PluginCallConfiguration config);

  /** Called once the importer is accepted, before it is stored; throwing refuses the add. */
  default void importerAdded(Repository repo, PluginCallConfiguration config) {}

  /**
   * Called when the importer is removed, alone or with its repository, once that removal has
   * committed; a crash before it finished makes the platform call it again later, so it must be
   * idempotent. When another importer replaces it, it is called in the replacing transaction,
   * before the new one's {@link #importerAdded}; should the replacement then fail (the new one
   * refuses, the transaction does not commit), this importer stays and its {@link #importerAdded}
   * is called again. Exceptions are logged; the removal stands.
   */
  default void importerRemoved(Repository repo, PluginCallConfiguration config) {}

  /**
   * Syncs the repository from its feed. Synchronous from the platform's view; may use threads. Not
   * atomic: units saved before a failure or cancel stay.
   */
  default SyncReport syncRepo(
      Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    throw new UnsupportedOperationException(metadata().id() + " cannot sync");
  }

  /**
   * Asks the running {@link #syncRepo} on this instance to stop; called from another thread and
   * must return quickly. Implement together with {@code syncRepo}.
   */
  default void cancelSyncRepo() {}

  /**
   * Turns an uploaded file into a unit of the repository: check it, move it into its storage path
   * ({@link UnitSink#initUnit}) and save it.
   *
   * @param file the uploaded bytes, or null for a unit without a file
   */
  default UploadReport uploadUnit(
      Repository repo,
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      Path file,
      UploadConduit conduit,
      PluginCallConfiguration config) {
    return UploadReport.failure(metadata().id() + " does not take uploads", null);
  }

  /**
   * Copies units from another repository into this importer's repository. The default associates
   * every given unit unchanged, which is right for types without per-repository metadata.
   *
   * @param units the source units chosen by the user's criteria, streamed
   * @return the number of units associated
   */
  default long importUnits(
      Repository source,
      Repository destination,
      ImportConduit conduit,
      PluginCallConfiguration config,
      Stream<Unit> units) {
    long[] count = {0};
    units.forEach(
        unit -> {
          conduit.associateUnit(unit);
          count[0]++;
        });
    return count[0];
  }

  /**
   * Told after units were unassociated from the repository, in batches, so the importer can clean
   * its own state. Must not delete unit files. Exceptions are logged.
   */
  default void removeUnits(Repository repo, List<Unit> units, PluginCallConfiguration config) {}
}
