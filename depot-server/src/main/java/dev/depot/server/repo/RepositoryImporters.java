package dev.depot.server.repo;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A repository's importer: set (replacing any other), read, reconfigure, remove. */
public final class RepositoryImporters {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryImporters.class);

  private final Jdbi jdbi;
  private final RepositoryStore store;
  private final RepositoryViews views;
  private final PluginRegistry plugins;
  private final PluginCalls calls;
  private final RemovalHooks hooks;

  /** Wires the service. */
  public RepositoryImporters(
      Jdbi jdbi,
      RepositoryStore store,
      RepositoryViews views,
      PluginRegistry plugins,
      dev.depot.server.plugin.PluginDefaults defaults) {
    this.jdbi = jdbi;
    this.store = store;
    this.views = views;
    this.plugins = plugins;
    this.calls = new PluginCalls(defaults, store, plugins);
    this.hooks = new RemovalHooks(jdbi, plugins, calls);
  }

  PluginCalls calls() {
    return calls;
  }

  /** The removed-hooks still due, shared with the distributors and repository deletes. */
  RemovalHooks removalHooks() {
    return hooks;
  }

  /** Gives the repository this importer, replacing the one it had. */
  public ImporterRecord set(String repoId, NewImporter request) {
    hooks.finish(repoId); // a removed importer's clean-up goes before its successor's set-up
    List<Runnable> undo = new ArrayList<>();
    try {
      jdbi.useTransaction(
          h -> {
            Repository view = views.view(h, Repositories.require(h, store, repoId));
            attach(h, view, request, "importer_config", undo::add);
          });
    } catch (RuntimeException e) {
      undo.reversed().forEach(Runnable::run);
      throw e;
    }
    LOG.info("Set importer {} on repository {}", request.typeId(), repoId);
    return get(repoId, request.typeId());
  }

  /**
   * Validates and stores an importer inside the caller's transaction; the previous importer's
   * removed-hook runs. {@code undo} receives what reverses the added-hook if the transaction later
   * fails.
   *
   * <p>The replaced importer's removed-hook runs here, before the new one's added-hook, as in Pulp,
   * and not recorded to run after the commit as {@link #remove} does: the added-hook must run
   * before the commit (it may refuse the importer), so a deferred removed-hook would run after it,
   * and a replacement by the same type (the way to change an importer's whole config) would have
   * its set-up undone by its predecessor's clean-up. Should the replacement fail after that hook
   * (the new importer refuses to be added, the transaction does not commit), the old importer stays
   * configured: {@code undo} then receives its set-up again, after the new one's clean-up.
   */
  void attach(
      Handle h, Repository view, NewImporter request, String field, Consumer<Runnable> undo) {
    if (request.typeId() == null) {
      throw InvalidValue.missing("importer_type_id");
    }
    Importer importer = plugins.newImporter(request.typeId());
    Map<String, Object> config = Configs.withoutNulls(request.config());
    PluginCallConfiguration callConfig = calls.config(request.typeId(), config);
    calls.validate(importer, view, callConfig, field);
    store
        .importer(h, view.id())
        .filter(old -> plugins.hasImporter(old.typeId()))
        .ifPresent(
            old -> {
              Importer replaced = plugins.newImporter(old.typeId());
              PluginCallConfiguration oldConfig = calls.config(old.typeId(), old.config());
              calls.importerRemoved(replaced, view, oldConfig);
              undo.accept(() -> calls.importerReinstated(replaced, view, oldConfig));
            });
    calls.importerAdded(importer, view, callConfig);
    undo.accept(
        () -> calls.importerRemoved(plugins.newImporter(request.typeId()), view, callConfig));
    store.putImporter(
        h,
        new ImporterRecord(
            view.id(), ObjectIds.next(), request.typeId(), config, null, null, Timestamps.now()));
  }

  /**
   * Checks a set-importer request without changing anything, so the API can refuse it with a 400
   * before queueing the task that applies it.
   */
  public void check(String repoId, NewImporter request) {
    jdbi.useHandle(
        h -> {
          Repository view = views.view(h, Repositories.require(h, store, repoId));
          if (request.typeId() == null) {
            throw InvalidValue.missing("importer_type_id");
          }
          Importer importer = plugins.newImporter(request.typeId());
          calls.validate(
              importer,
              view,
              calls.config(request.typeId(), Configs.withoutNulls(request.config())),
              "importer_config");
        });
  }

  /** Checks a config update without applying it. */
  public void checkUpdate(String repoId, String typeId, Map<String, Object> changes) {
    jdbi.useHandle(
        h -> {
          Repository view = views.view(h, Repositories.require(h, store, repoId));
          ImporterRecord current = require(h, repoId, typeId);
          Importer importer = plugins.newImporter(current.typeId());
          calls.validate(
              importer,
              view,
              calls.config(current.typeId(), Configs.merge(current.config(), changes)),
              "importer_config");
        });
  }

  /** The repository's importer of that type. */
  public ImporterRecord get(String repoId, String typeId) {
    return jdbi.withHandle(h -> require(h, repoId, typeId));
  }

  /** The repository's importer, if any (404 if the repository is missing). */
  public Optional<ImporterRecord> find(String repoId) {
    return jdbi.withHandle(
        h -> {
          Repositories.require(h, store, repoId);
          return store.importer(h, repoId);
        });
  }

  private ImporterRecord require(Handle h, String repoId, String typeId) {
    Repositories.require(h, store, repoId);
    return store
        .importer(h, repoId)
        .filter(i -> typeId == null || i.typeId().equals(typeId))
        .orElseThrow(
            () -> MissingResource.of("repository", repoId, "importer", String.valueOf(typeId)));
  }

  /** Merges config changes (a null value removes a key) and re-validates the whole config. */
  public ImporterRecord update(String repoId, String typeId, Map<String, Object> changes) {
    jdbi.useTransaction(
        h ->
            reconfigure(h, views.view(h, Repositories.require(h, store, repoId)), typeId, changes));
    return get(repoId, typeId);
  }

  void reconfigure(Handle h, Repository view, String typeId, Map<String, Object> changes) {
    ImporterRecord current = require(h, view.id(), typeId);
    Map<String, Object> merged = Configs.merge(current.config(), changes);
    Importer importer = plugins.newImporter(current.typeId());
    calls.validate(importer, view, calls.config(current.typeId(), merged), "importer_config");
    store.updateImporterConfig(h, view.id(), merged, Timestamps.now());
  }

  /**
   * Removes the importer: its row goes in one transaction that records its removed-hook, then the
   * hook runs (failures are logged). Run inside the transaction, a crash or a failed commit after
   * the hook left the importer in place with its clean-up done; a crash after the commit now leaves
   * the hook to {@link RemovalHooks}.
   */
  public void remove(String repoId, String typeId) {
    jdbi.useTransaction(
        h -> {
          Repository view = views.view(h, Repositories.require(h, store, repoId));
          hooks.importerGoing(h, view, require(h, repoId, typeId));
          store.deleteImporter(h, repoId);
        });
    LOG.info("Removed importer {} from repository {}", typeId, repoId);
    hooks.finish(repoId);
  }
}
