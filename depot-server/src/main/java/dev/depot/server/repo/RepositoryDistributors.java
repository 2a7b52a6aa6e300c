package dev.depot.server.repo;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.server.auth.Permissions;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.DuplicateResource;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.plugin.PluginRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A repository's distributors: add, read, reconfigure, remove. */
public final class RepositoryDistributors {
  private static final Logger LOG = LoggerFactory.getLogger(RepositoryDistributors.class);

  private final Jdbi jdbi;
  private final RepositoryStore store;
  private final RepositoryViews views;
  private final PluginRegistry plugins;
  private final PluginCalls calls;
  private final DistributorRemoval removal;
  private final RemovalHooks hooks;

  /** Wires the service; shares the importer service's plugin calls. */
  public RepositoryDistributors(
      Jdbi jdbi,
      RepositoryStore store,
      RepositoryViews views,
      PluginRegistry plugins,
      RepositoryImporters importers) {
    this(jdbi, store, views, plugins, importers, DistributorRemoval.NONE);
  }

  /** Wires the service; {@code removal} hears of every distributor removed. */
  public RepositoryDistributors(
      Jdbi jdbi,
      RepositoryStore store,
      RepositoryViews views,
      PluginRegistry plugins,
      RepositoryImporters importers,
      DistributorRemoval removal) {
    this.jdbi = jdbi;
    this.store = store;
    this.views = views;
    this.plugins = plugins;
    this.calls = importers.calls();
    this.removal = removal;
    this.hooks = importers.removalHooks();
  }

  /** The removed-hooks still due, shared with the importers, groups and repository deletes. */
  public RemovalHooks removalHooks() {
    return hooks;
  }

  /** Tells the removal listener, in the removing transaction, that a distributor goes. */
  void removing(Handle h, String repoId, String distributorId) {
    removal.removing(h, repoId, distributorId);
  }

  /** Attaches a distributor to an existing repository. */
  public DistributorRecord add(String repoId, NewDistributor request) {
    hooks.finishAll(); // a removed namesake's trees go before this one can publish there
    List<Runnable> undo = new ArrayList<>();
    DistributorRecord added;
    try {
      added =
          jdbi.inTransaction(
              h -> {
                Repository view = views.view(h, Repositories.require(h, store, repoId));
                return attach(h, view, request, "distributor_config", Timestamps.now(), undo::add);
              });
    } catch (RuntimeException e) {
      undo.reversed().forEach(Runnable::run);
      throw e;
    }
    LOG.info("Added distributor {} ({}) to repository {}", added.id(), added.typeId(), repoId);
    return get(repoId, added.id());
  }

  /**
   * Validates and stores a distributor inside the caller's transaction. {@code undo} receives what
   * reverses the added-hook should the transaction fail later.
   */
  DistributorRecord attach(
      Handle h,
      Repository view,
      NewDistributor request,
      String field,
      Instant now,
      Consumer<Runnable> undo) {
    if (request.typeId() == null) {
      throw InvalidValue.missing("distributor_type_id");
    }
    Distributor distributor = plugins.newDistributor(request.typeId());
    String id =
        request.id() == null
            ? Repositories.generatedId()
            : Ids.check("distributor_id", "distributor", request.id());
    if (store.distributor(h, view.id(), id).isPresent()) {
      throw new DuplicateResource("distributor", id);
    }
    Map<String, Object> config = Configs.withoutNulls(request.config());
    PluginCallConfiguration callConfig = calls.config(request.typeId(), config);
    calls.validate(h, distributor, view, id, callConfig, field);
    calls.distributorAdded(distributor, view, callConfig);
    undo.accept(
        () ->
            calls.distributorRemoved(
                plugins.newDistributor(request.typeId()), id, view, callConfig));
    DistributorRecord record =
        new DistributorRecord(
            view.id(),
            id,
            ObjectIds.next(),
            request.typeId(),
            config,
            request.autoPublish(),
            null,
            null,
            now,
            null);
    store.insertDistributor(h, record, now);
    return record;
  }

  /** One distributor. */
  public DistributorRecord get(String repoId, String distributorId) {
    return jdbi.withHandle(h -> require(h, repoId, distributorId));
  }

  /** The repository's distributors (404 if it is missing). */
  public List<DistributorRecord> list(String repoId) {
    return jdbi.withHandle(
        h -> {
          Repositories.require(h, store, repoId);
          return store.distributors(h, repoId);
        });
  }

  private DistributorRecord require(Handle h, String repoId, String distributorId) {
    Repositories.require(h, store, repoId);
    return store
        .distributor(h, repoId, distributorId)
        .orElseThrow(() -> MissingResource.of("repository", repoId, "distributor", distributorId));
  }

  /**
   * Merges config changes (a null value removes a key), optionally sets auto-publish, and
   * re-validates the whole config; nothing changes if the plugin refuses it.
   */
  public DistributorRecord update(
      String repoId, String distributorId, Map<String, Object> changes, Boolean autoPublish) {
    hooks.finishAll(); // a new relative_url may be one a removed distributor still serves
    jdbi.useTransaction(
        h ->
            reconfigure(
                h,
                views.view(h, Repositories.require(h, store, repoId)),
                distributorId,
                changes,
                autoPublish));
    LOG.info("Updated distributor {} of repository {}", distributorId, repoId);
    return get(repoId, distributorId);
  }

  /** Checks an update without applying it, so the API can refuse it before queueing. */
  public void checkUpdate(String repoId, String distributorId, Map<String, Object> changes) {
    check(repoId, distributorId, changes, "distributor_config");
  }

  /**
   * Checks a publish's {@code override_config} as the config it makes of the stored one, so a
   * publish is held to what a config change is: a path another repository serves, or plain HTTP for
   * a repository that wants client certificates, is refused here as there.
   */
  public void checkOverride(String repoId, String distributorId, Map<String, Object> override) {
    if (override == null || override.isEmpty()) {
      return;
    }
    // force_full is the platform's (a publish not skipped as unchanged), for every distributor:
    // checked here, not left to a plugin that has no such key of its own and would refuse it.
    try {
      PluginCallConfiguration.of(override).getBoolean(FORCE_FULL); // as the publish reads it
    } catch (dev.depot.plugin.ConfigValueException e) {
      throw InvalidValue.of("override_config " + e.getMessage(), "override_config");
    }
    Map<String, Object> rest = new java.util.LinkedHashMap<>(override);
    rest.remove(FORCE_FULL);
    if (!rest.isEmpty()) {
      check(repoId, distributorId, rest, "override_config");
    }
  }

  /** The publish override every distributor takes: publish even when nothing changed. */
  private static final String FORCE_FULL = "force_full";

  private void check(
      String repoId, String distributorId, Map<String, Object> changes, String field) {
    jdbi.useHandle(
        h -> {
          Repository view = views.view(h, Repositories.require(h, store, repoId));
          DistributorRecord current = require(h, repoId, distributorId);
          Map<String, Object> merged =
              changes == null ? current.config() : Configs.merge(current.config(), changes);
          calls.validate(
              h,
              plugins.newDistributor(current.typeId()),
              view,
              distributorId,
              calls.config(current.typeId(), merged),
              field);
        });
  }

  void reconfigure(
      Handle h,
      Repository view,
      String distributorId,
      Map<String, Object> changes,
      Boolean autoPublish) {
    DistributorRecord current = require(h, view.id(), distributorId);
    Map<String, Object> merged =
        changes == null ? current.config() : Configs.merge(current.config(), changes);
    Distributor distributor = plugins.newDistributor(current.typeId());
    calls.validate(
        h,
        distributor,
        view,
        distributorId,
        calls.config(current.typeId(), merged),
        "distributor_config");
    store.updateDistributor(
        h,
        view.id(),
        distributorId,
        merged,
        autoPublish == null ? current.autoPublish() : autoPublish,
        Timestamps.now());
  }

  /**
   * Removes a distributor: its row goes in one transaction, then its removed-hook unpublishes
   * (failures are logged; a crash in between leaves the hook to {@link RemovalHooks}).
   */
  public void remove(String repoId, String distributorId) {
    jdbi.useTransaction(
        h -> {
          Repository view = views.view(h, Repositories.require(h, store, repoId));
          DistributorRecord current = require(h, repoId, distributorId);
          hooks.distributorGoing(h, view, current);
          removing(h, repoId, distributorId);
          store.deleteDistributor(h, repoId, distributorId);
          Permissions.forget(
              h, "/v2/repositories/" + repoId + "/distributors/" + distributorId + "/");
        });
    LOG.info("Removed distributor {} from repository {}", distributorId, repoId);
    hooks.finish(repoId);
  }
}
