package dev.depot.server;

import dev.depot.publish.files.LocalPaths;
import dev.depot.server.api.Api;
import dev.depot.server.association.CopyOperation;
import dev.depot.server.association.UnassociateOperation;
import dev.depot.server.auth.Permissions;
import dev.depot.server.auth.Roles;
import dev.depot.server.auth.UserCertificates;
import dev.depot.server.auth.Users;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.consumer.ApplicabilityOperation;
import dev.depot.server.consumer.Bindings;
import dev.depot.server.consumer.ConsumerCertificates;
import dev.depot.server.consumer.ConsumerHistory;
import dev.depot.server.consumer.ConsumerProfiles;
import dev.depot.server.consumer.ConsumerServices;
import dev.depot.server.consumer.Consumers;
import dev.depot.server.consumer.ServerCa;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.OrphanOperation;
import dev.depot.server.content.Orphans;
import dev.depot.server.content.UnitReads;
import dev.depot.server.content.UnitStore;
import dev.depot.server.db.Database;
import dev.depot.server.event.EventListeners;
import dev.depot.server.event.EventNotifier;
import dev.depot.server.event.TaskEvents;
import dev.depot.server.group.GroupDistributors;
import dev.depot.server.group.GroupKind;
import dev.depot.server.group.Groups;
import dev.depot.server.history.History;
import dev.depot.server.plugin.PluginDefaults;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.publish.GroupPublishOperation;
import dev.depot.server.publish.PublishOperation;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.repo.RepositoryServices;
import dev.depot.server.repo.RepositoryStore;
import dev.depot.server.repo.RepositoryTasks;
import dev.depot.server.repo.RepositoryViews;
import dev.depot.server.repo.ServedPathClaims;
import dev.depot.server.schedule.Schedules;
import dev.depot.server.search.Search;
import dev.depot.server.sync.SyncOperation;
import dev.depot.server.task.NoopOperation;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.TaskStore;
import dev.depot.server.task.WorkingDirectories;
import dev.depot.server.upload.ImportUploadOperation;
import dev.depot.server.upload.UploadStore;
import dev.depot.server.version.RepositoryVersions;
import dev.depot.server.version.VersionTasks;
import dev.depot.server.version.VersionedTasks;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.server.Handler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parts of a server, wired by hand from its configuration: stores, services, the task queue and
 * what runs each kind of task, the REST API over them. {@link Depot} starts and stops them.
 */
final class Assembly {
  private static final Logger LOG = LoggerFactory.getLogger(Assembly.class);

  private final ServerConfig config;
  private final Database database;
  private final PluginRegistry plugins;
  private final Users users;
  // One UnitStore for the whole server: it counts the rows written for PlannerStatistics.
  private final UnitStore units = new UnitStore();
  private final ConsumerHistory consumerHistory;
  private final Bindings bindings;
  private final RepositoryImporters importers;
  private final RepositoryDistributors distributors;
  private final Repositories repositories;
  private final RepositoryServices services;
  private final GroupDistributors groupDistributors;
  private final History history;
  private final UploadStore uploads;
  private final Orphans orphans;
  final RepositoryVersions versions;
  private final ConsumerProfiles profiles;
  private final EventListeners eventListeners;
  final ContentStore contentStore;
  final TaskQueue queue;
  final Schedules schedules;
  final EventNotifier notifier = new EventNotifier(EventNotifier.Settings.DEFAULT);
  final TaskEvents taskEvents;

  Assembly(ServerConfig config, Database database, PluginRegistry plugins, Users users) {
    this.config = config;
    this.database = database;
    this.plugins = plugins;
    this.users = users;
    // No file:// feed, export_dir or install_path a user gives may read or write Depot's own files.
    LocalPaths.registerPrivate(config.dataDir());
    LocalPaths.allowOnlyBelow(config.allowedPaths().imports(), config.allowedPaths().exports());
    var jdbi = database.jdbi();
    RepositoryStore store = new RepositoryStore();
    RepositoryViews views = new RepositoryViews(units);
    PluginDefaults defaults = new PluginDefaults(config.configDir());
    importers = new RepositoryImporters(jdbi, store, views, plugins, defaults);
    consumerHistory = new ConsumerHistory(jdbi);
    bindings = new Bindings(jdbi, store, views, plugins, defaults, consumerHistory);
    distributors = new RepositoryDistributors(jdbi, store, views, plugins, importers, bindings);
    repositories = new Repositories(jdbi, store, views, importers, distributors);
    queue = new TaskQueue(jdbi, new TaskStore(jdbi, database.dialect()));
    history = new History(jdbi);
    contentStore = new ContentStore(config.dataDir());
    services = new RepositoryServices(jdbi, store, views, units, contentStore, plugins, defaults);
    groupDistributors =
        new GroupDistributors(
            jdbi,
            new Groups(jdbi, GroupKind.REPOSITORY),
            plugins,
            defaults,
            new ServedPathClaims(plugins, defaults, store),
            distributors.removalHooks());
    uploads = new UploadStore(config.dataDir(), config.limits(), Clock.systemUTC());
    orphans = new Orphans(jdbi, contentStore);
    versions = new RepositoryVersions(jdbi, units, java.time.Clock.systemUTC());
    profiles = new ConsumerProfiles(jdbi, plugins);
    eventListeners = new EventListeners(jdbi);
    taskEvents = new TaskEvents(eventListeners, notifier, queue.store());
    schedules = new Schedules(jdbi, queue);
  }

  /**
   * Chores a server does once at start, before it takes work: removed-hooks a crash left due, the
   * search fields of units stored before unit search, uploads abandoned by a previous run.
   */
  void catchUp() throws IOException {
    finishRemovals();
    long indexed = units.indexUnindexedUnitsOnce(database.jdbi());
    if (indexed > 0) {
      LOG.info("Indexed the search fields of {} units stored before unit search", indexed);
    }
    int reclaimed = uploads.reclaimAbandoned();
    if (reclaimed > 0) {
      LOG.info(
          "Deleted {} uploads nobody wrote to within {}",
          reclaimed,
          config.limits().uploadExpiry());
    }
  }

  /**
   * Runs the removed-hooks a crash left due (a repository, or a distributor of a repository or of a
   * group, deleted, its published trees not yet): at start, and as a worker's recurring chore for
   * processes that never restart.
   */
  void finishRemovals() {
    distributors.removalHooks().finishAll();
  }

  /**
   * A worker's recurring chore: deletes the working directories that tasks of killed processes left
   * (their tasks failed since, by a restart or the lost-worker check).
   */
  void sweepWorkingDirectories() {
    int deleted =
        new WorkingDirectories(config.dataDir())
            .sweep(id -> queue.store().find(id).map(t -> !t.state().isComplete()).orElse(false));
    if (deleted > 0) {
      LOG.info("Deleted {} working directories of tasks that ended with their process", deleted);
    }
  }

  /** What runs each task type, the extra ones (tests, benchmarks) last; starts announce events. */
  Map<String, TaskHandler> taskHandlers(Map<String, TaskHandler> extraHandlers) {
    WorkingDirectories workingDirs = new WorkingDirectories(config.dataDir());
    Map<String, TaskHandler> handlers =
        new HashMap<>(RepositoryTasks.handlers(repositories, importers, distributors));
    handlers.put(SyncOperation.TYPE, new SyncOperation(services, history, queue, workingDirs));
    handlers.put(
        PublishOperation.TYPE,
        new PublishOperation(services, history, workingDirs, distributors::checkOverride));
    handlers.put(
        GroupPublishOperation.TYPE,
        new GroupPublishOperation(services, groupDistributors, workingDirs));
    handlers.put(ImportUploadOperation.TYPE, new ImportUploadOperation(services, uploads));
    handlers.put(NoopOperation.TYPE, new NoopOperation());
    handlers.put(CopyOperation.TYPE, new CopyOperation(services));
    handlers.put(UnassociateOperation.TYPE, new UnassociateOperation(services));
    handlers.put(OrphanOperation.TYPE, new OrphanOperation(orphans));
    handlers.put(
        ApplicabilityOperation.TYPE,
        new ApplicabilityOperation(database.jdbi(), profiles, bindings, plugins, units));
    handlers.putAll(
        VersionTasks.handlers(database.jdbi(), units, versions, java.time.Clock.systemUTC()));
    taskEvents.announceStarts(handlers);
    handlers.putAll(extraHandlers);
    return VersionedTasks.wrap(handlers, versions);
  }

  /** The REST API ({@code /pulp/api/v2/}) over these parts. */
  Handler api() {
    Path tlsDir = config.dataDir().resolve("tls");
    var jdbi = database.jdbi();
    return Api.handler(
        users,
        new Roles(jdbi),
        new Permissions(jdbi),
        new UserCertificates(jdbi, new ServerCa(tlsDir)::authority, config.userCertValidity()),
        database,
        Depot.VERSION,
        plugins,
        repositories,
        importers,
        distributors,
        groupDistributors,
        queue,
        history,
        schedules,
        new UnitReads(jdbi, units),
        orphans,
        uploads,
        consumers(tlsDir),
        eventListeners,
        new Search(jdbi),
        new Groups(jdbi, GroupKind.CONSUMER),
        config.limits(),
        versions);
  }

  /** Consumers, their bindings and their certificates, issued by the server's CA. */
  private ConsumerServices consumers(Path tlsDir) {
    ServerCa ca = new ServerCa(tlsDir);
    Consumers consumers = new Consumers(database.jdbi(), consumerHistory, ca::authority);
    return new ConsumerServices(
        consumers,
        bindings,
        consumerHistory,
        new ConsumerCertificates(ca::certificate, consumers),
        profiles);
  }
}
