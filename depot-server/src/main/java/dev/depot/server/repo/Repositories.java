package dev.depot.server.repo;

import dev.depot.plugin.Repository;
import dev.depot.server.auth.Permissions;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.DuplicateResource;
import dev.depot.server.error.MissingResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Repositories: create (with importer and distributors, all or nothing), read, update, delete.
 * Importer and distributor changes on an existing repository live in {@link RepositoryImporters}
 * and {@link RepositoryDistributors}; this class reuses them inside its own transaction.
 */
public final class Repositories {
  private static final Logger LOG = LoggerFactory.getLogger(Repositories.class);
  private static final String UNIQUE_VIOLATION = "23505";

  private final Jdbi jdbi;
  private final RepositoryStore store;
  private final RepositoryViews views;
  private final RepositoryImporters importers;
  private final RepositoryDistributors distributors;

  /** Wires the service. */
  public Repositories(
      Jdbi jdbi,
      RepositoryStore store,
      RepositoryViews views,
      RepositoryImporters importers,
      RepositoryDistributors distributors) {
    this.jdbi = jdbi;
    this.store = store;
    this.views = views;
    this.importers = importers;
    this.distributors = distributors;
  }

  /**
   * Creates a repository with its importer and distributors. Every config is validated by its
   * plugin first; if anything is refused or a plugin's added-hook fails, nothing is stored and the
   * hooks that did run are undone.
   */
  public RepositoryRecord create(NewRepository request) {
    String id = Ids.check("id", "repository", request.id());
    // A removed namesake's trees, or trees at a path this one claims, go before it can publish.
    distributors.removalHooks().finishAll();
    RepositoryRecord repo =
        new RepositoryRecord(
            id,
            ObjectIds.next(),
            request.displayName() == null ? id : request.displayName(),
            request.description(),
            Configs.withoutNulls(request.notes()),
            Map.of(),
            null,
            null);
    List<Runnable> undo = new ArrayList<>();
    try {
      jdbi.useTransaction(
          h -> {
            if (store.exists(h, id)) {
              throw new DuplicateResource("repository", id);
            }
            Instant now = Timestamps.now();
            insertRepository(h, repo, now);
            Repository view = views.view(h, repo);
            if (request.importer() != null) {
              importers.attach(h, view, request.importer(), "importer_config", undo::add);
            }
            Set<String> distributorIds = new HashSet<>();
            for (NewDistributor requested : request.distributors()) {
              DistributorRecord added =
                  distributors.attach(h, view, requested, "distributors", now, undo::add);
              if (!distributorIds.add(added.id())) {
                throw new DuplicateResource("distributor", added.id());
              }
            }
          });
    } catch (RuntimeException e) {
      undo.reversed().forEach(Runnable::run);
      throw e;
    }
    LOG.info("Created repository {}", id);
    return get(id);
  }

  private void insertRepository(Handle h, RepositoryRecord repo, Instant now) {
    try {
      store.insert(h, repo, now);
    } catch (UnableToExecuteStatementException e) {
      if (e.getCause() instanceof java.sql.SQLException sql
          && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
        throw new DuplicateResource("repository", repo.id());
      }
      throw e;
    }
  }

  /** One repository. */
  public RepositoryRecord get(String id) {
    return jdbi.withHandle(h -> require(h, id));
  }

  static RepositoryRecord require(Handle h, RepositoryStore store, String id) {
    return store.find(h, id).orElseThrow(() -> MissingResource.of("repository", id));
  }

  private RepositoryRecord require(Handle h, String id) {
    return require(h, store, id);
  }

  /** Feeds every repository to the consumer, streaming from one handle. */
  public void forEach(Consumer<RepositoryRecord> consumer) {
    jdbi.useHandle(
        h -> {
          try (Stream<RepositoryRecord> all = store.all(h)) {
            all.forEach(consumer);
          }
        });
  }

  /** The plugin-facing view of a repository (with unit counts). */
  public Map<String, Long> unitCounts(String id) {
    return jdbi.withHandle(h -> views.view(h, require(h, id)).contentUnitCounts());
  }

  /**
   * Applies an update whole or not at all: repository fields, notes (null removes a note), the
   * importer config and distributor configs, each re-validated by its plugin.
   */
  public RepositoryRecord update(String id, RepositoryChanges changes) {
    jdbi.useTransaction(
        h -> {
          RepositoryRecord repo = require(h, id);
          Map<String, Object> notes =
              changes.notes() == null ? repo.notes() : Configs.merge(repo.notes(), changes.notes());
          RepositoryRecord updated =
              new RepositoryRecord(
                  repo.id(),
                  repo.oid(),
                  changes.displayName() == null ? repo.displayName() : changes.displayName(),
                  changes.description() == null ? repo.description() : changes.description(),
                  notes,
                  repo.scratchpad(),
                  repo.lastUnitAdded(),
                  repo.lastUnitRemoved());
          store.update(h, updated);
          Repository view = views.view(h, updated);
          if (changes.importerConfig() != null) {
            importers.reconfigure(h, view, null, changes.importerConfig());
          }
          if (changes.distributorConfigs() != null) {
            for (Map.Entry<String, Map<String, Object>> entry :
                changes.distributorConfigs().entrySet()) {
              distributors.reconfigure(h, view, entry.getKey(), entry.getValue(), null);
            }
          }
        });
    return get(id);
  }

  /**
   * Deletes a repository: the repository, its importer, distributors and associations go in one
   * transaction, then each distributor's and the importer's removed-hook runs (failures are
   * logged). A crash in between leaves a deleted repository whose hooks {@link RemovalHooks} runs
   * later: the repository is never seen existing but unpublished. Units stay, as orphans if no
   * other repository holds them.
   */
  public void delete(String id) {
    RemovalHooks hooks = distributors.removalHooks();
    jdbi.useTransaction(
        h -> {
          RepositoryRecord repo = require(h, id);
          Repository view = views.view(h, repo);
          for (DistributorRecord d : store.distributors(h, id)) {
            distributors.removing(h, id, d.id());
            hooks.distributorGoing(h, view, d);
          }
          store.importer(h, id).ifPresent(i -> hooks.importerGoing(h, view, i));
          store.delete(h, id);
          Permissions.forget(h, "/v2/repositories/" + id + "/");
        });
    LOG.info("Deleted repository {}", id);
    hooks.finish(id);
  }

  /** A generated distributor id, for requests that give none. */
  static String generatedId() {
    return UUID.randomUUID().toString();
  }
}
