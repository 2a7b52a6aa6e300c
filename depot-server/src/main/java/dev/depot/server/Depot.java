package dev.depot.server;

import dev.depot.plugin.Platform;
import dev.depot.server.api.Api;
import dev.depot.server.association.CopyOperation;
import dev.depot.server.association.UnassociateOperation;
import dev.depot.server.auth.Users;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.consumer.Bindings;
import dev.depot.server.consumer.ConsumerCertificates;
import dev.depot.server.consumer.ConsumerHistory;
import dev.depot.server.consumer.ConsumerServices;
import dev.depot.server.consumer.Consumers;
import dev.depot.server.consumer.ServerCa;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.ContentTypeStore;
import dev.depot.server.content.OrphanOperation;
import dev.depot.server.content.Orphans;
import dev.depot.server.content.UnitStore;
import dev.depot.server.db.Database;
import dev.depot.server.db.Dialect;
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
import dev.depot.server.schedule.Schedules;
import dev.depot.server.sync.SyncOperation;
import dev.depot.server.task.NoopOperation;
import dev.depot.server.task.PostgresWakeups;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.TaskStore;
import dev.depot.server.task.WorkerTimings;
import dev.depot.server.task.Workers;
import dev.depot.server.task.WorkingDirectories;
import dev.depot.server.tls.ServerTls;
import dev.depot.server.upload.ImportUploadOperation;
import dev.depot.server.upload.UploadStore;
import dev.depot.server.web.ContentServer;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a server from its configuration, by hand, and runs it.
 * Tests build one on a temporary data directory and a free port.
 */
public final class Depot implements AutoCloseable {
  /** The platform version reported by {@code /status/}. */
  public static final String VERSION = "0.1.0";

  private static final Logger LOG = LoggerFactory.getLogger(Depot.class);

  private final ServerConfig config;
  private final Database database;
  private final PluginRegistry plugins;
  private final Server http;
  private final Workers workers;
  private final TaskQueue queue;
  private final PostgresWakeups wakeups;
  private final EventNotifier notifier;
  private final java.util.concurrent.atomic.AtomicBoolean closed =
      new java.util.concurrent.atomic.AtomicBoolean();

  private Depot(
      ServerConfig config,
      Database database,
      PluginRegistry plugins,
      Server http,
      Workers workers,
      TaskQueue queue,
      PostgresWakeups wakeups,
      EventNotifier notifier) {
    this.config = config;
    this.database = database;
    this.plugins = plugins;
    this.http = http;
    this.workers = workers;
    this.queue = queue;
    this.wakeups = wakeups;
    this.notifier = notifier;
  }

  /** Starts a server: database, plugins, admin user, HTTP listener, task workers. */
  public static Depot start(ServerConfig config) throws Exception {
    return start(config, WorkerTimings.DEFAULT, Map.of());
  }

  /**
   * Starts a server with given worker timings and extra task handlers (tests and benchmarks add
   * their own task types).
   */
  public static Depot start(
      ServerConfig config, WorkerTimings timings, Map<String, TaskHandler> extraHandlers)
      throws Exception {
    Files.createDirectories(config.dataDir());
    LOG.info("Starting Depot {} with {}", VERSION, config);
    Database database = Database.open(config.databaseUrl());
    try {
      PluginRegistry plugins = PluginRegistry.load(pluginClassLoader(config.dataDir()));
      Path publishRoot = config.dataDir().resolve("published").toAbsolutePath().normalize();
      plugins.usePlatform(Platform.publishingUnder(publishRoot));
      ContentTypeStore types = new ContentTypeStore();
      database
          .jdbi()
          .useTransaction(h -> plugins.contentTypes().forEach(t -> types.register(h, t)));
      Users users = new Users(database.jdbi());
      users.ensureAdmin(config.adminPassword(), config.adminPasswordFile());

      RepositoryStore store = new RepositoryStore();
      // One UnitStore for the whole server: it counts the rows written for PlannerStatistics.
      UnitStore units = new UnitStore();
      RepositoryViews views = new RepositoryViews(units);
      PluginDefaults defaults = new PluginDefaults(config.configDir());
      RepositoryImporters importers =
          new RepositoryImporters(database.jdbi(), store, views, plugins, defaults);
      ConsumerHistory consumerHistory = new ConsumerHistory(database.jdbi());
      Bindings bindings =
          new Bindings(database.jdbi(), store, views, plugins, defaults, consumerHistory);
      RepositoryDistributors distributors =
          new RepositoryDistributors(database.jdbi(), store, views, plugins, importers, bindings);
      Repositories repositories =
          new Repositories(database.jdbi(), store, views, plugins, importers, distributors);

      TaskQueue queue =
          new TaskQueue(database.jdbi(), new TaskStore(database.jdbi(), database.dialect()));
      History history = new History(database.jdbi());
      WorkingDirectories workingDirs = new WorkingDirectories(config.dataDir());
      long indexed = units.indexUnindexedUnitsOnce(database.jdbi());
      if (indexed > 0) {
        LOG.info("Indexed the search fields of {} units stored before unit search", indexed);
      }
      ContentStore contentStore = new ContentStore(config.dataDir());
      Map<String, TaskHandler> handlers =
          new HashMap<>(RepositoryTasks.handlers(repositories, importers, distributors));
      RepositoryServices services =
          new RepositoryServices(
              database.jdbi(), store, views, units, contentStore, plugins, defaults);
      handlers.put(SyncOperation.TYPE, new SyncOperation(services, history, queue, workingDirs));
      handlers.put(PublishOperation.TYPE, new PublishOperation(services, history, workingDirs));
      GroupDistributors groupDistributors =
          new GroupDistributors(
              database.jdbi(),
              new Groups(database.jdbi(), GroupKind.REPOSITORY),
              plugins,
              defaults);
      handlers.put(
          GroupPublishOperation.TYPE,
          new GroupPublishOperation(services, groupDistributors, workingDirs));
      UploadStore uploads =
          new UploadStore(config.dataDir(), config.limits(), java.time.Clock.systemUTC());
      int reclaimed = uploads.reclaimAbandoned();
      if (reclaimed > 0) {
        LOG.info(
            "Deleted {} uploads nobody wrote to within {}",
            reclaimed,
            config.limits().uploadExpiry());
      }
      handlers.put(ImportUploadOperation.TYPE, new ImportUploadOperation(services, uploads));
      handlers.put(NoopOperation.TYPE, new NoopOperation());
      Orphans orphans = new Orphans(database.jdbi(), contentStore);
      handlers.put(CopyOperation.TYPE, new CopyOperation(services));
      handlers.put(UnassociateOperation.TYPE, new UnassociateOperation(services));
      handlers.put(OrphanOperation.TYPE, new OrphanOperation(orphans));
      EventListeners eventListeners = new EventListeners(database.jdbi());
      EventNotifier notifier = new EventNotifier(EventNotifier.Settings.DEFAULT);
      TaskEvents taskEvents = new TaskEvents(eventListeners, notifier, queue.store());
      taskEvents.announceStarts(handlers);
      handlers.putAll(extraHandlers);
      Schedules schedules = new Schedules(database.jdbi(), queue);
      Workers workers = null;
      PostgresWakeups wakeups = null;
      if (config.has("worker")) {
        workers =
            new Workers(
                workerName(config),
                config.concurrency(),
                queue,
                handlers,
                timings.withTimeout(config.workerTimeoutSeconds()),
                new Throttled(1000, schedules::fireDue),
                (task, state) -> {
                  schedules.recordOutcome(task, state);
                  taskEvents.completed(task, state);
                });
        workers.start();
        if (database.dialect() == Dialect.POSTGRESQL) {
          wakeups = new PostgresWakeups(database.dataSource(), queue);
        }
      }

      if (!config.has("api") && !config.has("content")) {
        return new Depot(config, database, plugins, null, workers, queue, wakeups, notifier);
      }
      QueuedThreadPool threads = new QueuedThreadPool();
      threads.setName("depot-http");
      threads.setVirtualThreadsExecutor(Executors.newVirtualThreadPerTaskExecutor());
      Server server = new Server(threads);
      ServerConnector connector = new ServerConnector(server);
      connector.setName(ContentServer.HTTP_CONNECTOR);
      connector.setHost(config.bindAddress());
      connector.setPort(config.port());
      server.addConnector(connector);
      ServerTls tls = ServerTls.ensure(config.dataDir().resolve("tls"), hostName(config));
      server.addConnector(
          ContentServer.httpsConnector(server, tls, config.bindAddress(), config.httpsPort()));
      List<Handler> listeners = new ArrayList<>();
      if (config.has("api")) {
        listeners.add(
            Api.handler(
                users,
                new dev.depot.server.auth.Roles(database.jdbi()),
                new dev.depot.server.auth.Permissions(database.jdbi()),
                new dev.depot.server.auth.UserCertificates(
                    database.jdbi(),
                    new dev.depot.server.consumer.ServerCa(config.dataDir().resolve("tls"))
                        ::authority,
                    config.userCertValidity()),
                database,
                VERSION,
                plugins,
                repositories,
                importers,
                distributors,
                groupDistributors,
                queue,
                history,
                schedules,
                units,
                orphans,
                uploads,
                consumers(database, consumerHistory, bindings, config.dataDir().resolve("tls")),
                eventListeners,
                config.limits()));
      }
      if (config.has("content")) {
        Path contentRoot = contentStore.root();
        for (String protocol :
            List.of(ContentServer.HTTP_CONNECTOR, ContentServer.HTTPS_CONNECTOR)) {
          listeners.add(ContentServer.forProtocol(protocol, publishRoot, contentRoot));
        }
      }
      server.setHandler(new Handler.Sequence(listeners));
      server.start();
      Depot depot = new Depot(config, database, plugins, server, workers, queue, wakeups, notifier);
      plugins.usePlatform(
          new Platform(
              publishRoot,
              baseUrl("http", config, depot.port()),
              baseUrl("https", config, depot.httpsPort()),
              tls.caCertificatePem()));
      LOG.info(
          "Depot is listening on http://{}:{}/pulp/api/v2/", config.bindAddress(), depot.port());
      return depot;
    } catch (Exception e) {
      database.close();
      throw e;
    }
  }

  /** Consumers, their bindings and their certificates, issued by the server's CA. */
  private static ConsumerServices consumers(
      Database database, ConsumerHistory history, Bindings bindings, Path tlsDir) {
    ServerCa ca = new ServerCa(tlsDir);
    Consumers consumers = new Consumers(database.jdbi(), history, ca::authority);
    return new ConsumerServices(
        consumers, bindings, history, new ConsumerCertificates(ca::certificate, consumers));
  }

  /**
   * Plugins on the class path, plus jars dropped in {@code <data-dir>/plugins/}. Both are found by
   * the same ServiceLoader lookup.
   */
  private static ClassLoader pluginClassLoader(Path dataDir) throws IOException {
    Path dir = dataDir.resolve("plugins");
    ClassLoader parent = Depot.class.getClassLoader();
    if (!Files.isDirectory(dir)) {
      return parent;
    }
    List<URL> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path jar : files.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
        jars.add(toUrl(jar));
      }
    }
    return jars.isEmpty() ? parent : new URLClassLoader(jars.toArray(URL[]::new), parent);
  }

  private static URL toUrl(Path jar) {
    try {
      return URI.create(jar.toUri().toString()).toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException("bad plugin jar path " + jar, e);
    }
  }

  /** The URL clients reach a listener at. */
  private static URI baseUrl(String scheme, ServerConfig config, int port) {
    String host = hostName(config);
    if (host.contains(":")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    return URI.create(scheme + "://" + host + ":" + port + "/");
  }

  /** The bind address, or this host's name when bound to every address. */
  private static String hostName(ServerConfig config) {
    String host = config.bindAddress();
    if (host.equals("0.0.0.0") || host.equals("::") || host.isEmpty()) {
      try {
        return java.net.InetAddress.getLocalHost().getCanonicalHostName();
      } catch (java.net.UnknownHostException e) {
        return "localhost";
      }
    }
    return host;
  }

  private static String workerName(ServerConfig config) {
    if (config.workerName() != null) {
      return config.workerName();
    }
    String host;
    try {
      host = java.net.InetAddress.getLocalHost().getHostName();
    } catch (java.net.UnknownHostException e) {
      host = "localhost";
    }
    // Stable across restarts of the same server, so a restart fails what it left running.
    return "depot@"
        + host
        + ":"
        + (config.port() == 0 ? ProcessHandle.current().pid() : config.port());
  }

  /** The HTTP port actually bound (useful when configured as 0). */
  public int port() {
    return ((ServerConnector) http.getConnectors()[0]).getLocalPort();
  }

  /** The HTTPS port actually bound. */
  public int httpsPort() {
    return ((ServerConnector) http.getConnectors()[1]).getLocalPort();
  }

  /** The task queue. */
  public TaskQueue queue() {
    return queue;
  }

  /** The configuration this server runs with. */
  public ServerConfig config() {
    return config;
  }

  /** The loaded plugins. */
  public PluginRegistry plugins() {
    return plugins;
  }

  /** The database. */
  public Database database() {
    return database;
  }

  /** Blocks until the server stops (HTTP), or forever for a worker-only process. */
  public void awaitStop() throws InterruptedException {
    if (http != null) {
      http.join();
    } else {
      Thread.currentThread().join();
    }
  }

  @Override
  public void close() throws Exception {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      if (http != null) {
        http.stop();
      }
    } finally {
      try {
        if (wakeups != null) {
          wakeups.close();
        }
        if (workers != null) {
          workers.close();
        }
        notifier.close();
      } finally {
        database.close();
      }
    }
  }
}
