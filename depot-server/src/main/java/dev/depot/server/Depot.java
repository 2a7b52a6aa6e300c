package dev.depot.server;

import dev.depot.plugin.Platform;
import dev.depot.publish.build.DepotBuild;
import dev.depot.server.auth.Users;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.content.ContentStore;
import dev.depot.server.content.ContentTypeStore;
import dev.depot.server.content.DataDirectoryCheck;
import dev.depot.server.db.Database;
import dev.depot.server.db.Dialect;
import dev.depot.server.db.ProcessHeartbeat;
import dev.depot.server.event.EventNotifier;
import dev.depot.server.plugin.ContentApis;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.task.LostWorkerWatch;
import dev.depot.server.task.PostgresWakeups;
import dev.depot.server.task.TaskHandler;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.task.WorkerTimings;
import dev.depot.server.task.Workers;
import dev.depot.server.tls.ServerTls;
import dev.depot.server.web.ContentApiHandler;
import dev.depot.server.web.ContentServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every part of a server from its configuration, by hand, and runs it.
 * Tests build one on a temporary data directory and a free port.
 */
public final class Depot implements AutoCloseable {
  /**
   * The platform version reported by {@code /status/}: this build's Maven version and commit, e.g.
   * {@code 0.1.0-SNAPSHOT+bc1ac6d0e1f2}.
   */
  public static final String VERSION = DepotBuild.version();

  private static final Logger LOG = LoggerFactory.getLogger(Depot.class);

  private final ServerConfig config;
  private final Database database;
  private final PluginRegistry plugins;
  private final Server http;
  private final Workers workers;
  private final TaskQueue queue;
  private final EventNotifier notifier;
  private volatile PostgresWakeups wakeups;
  private volatile LostWorkerWatch lostWorkers;
  private final AtomicBoolean closed = new AtomicBoolean();

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
    Database database = Database.open(config.databaseUrl(), timings.databaseWaitMillis());
    try {
      recordProcess(config, timings, database);
      DataDirectoryCheck.refuseForeign(database.jdbi(), new ContentStore(config.dataDir()));
      PluginRegistry plugins = PluginRegistry.load(PluginJars.classLoader(config.dataDir()));
      Path publishRoot = config.dataDir().resolve("published").toAbsolutePath().normalize();
      plugins.usePlatform(Platform.publishingUnder(publishRoot));
      ContentTypeStore types = new ContentTypeStore();
      database
          .jdbi()
          .useTransaction(h -> plugins.contentTypes().forEach(t -> types.register(h, t)));
      Users users = new Users(database.jdbi());
      users.ensureAdmin(config.adminPassword(), config.adminPasswordFile());
      Assembly parts = new Assembly(config, database, plugins, users);
      parts.catchUp();
      Map<String, TaskHandler> handlers = parts.taskHandlers(extraHandlers);
      if (!config.has("api") && !config.has("content")) {
        Workers workers = startWorkers(config, timings, parts, handlers);
        PostgresWakeups wakeups = wakeups(database, parts);
        return new Depot(
            config, database, plugins, null, workers, parts.queue, wakeups, parts.notifier);
      }
      ServerTls tls =
          ServerTls.ensure(config.dataDir().resolve("tls"), ServerAddresses.hostName(config));
      Workers workers = config.has("worker") ? newWorkers(config, timings, parts, handlers) : null;
      if (workers != null) {
        // Before listening, so that no answer calls a task of a killed previous run running.
        workers.failPreviousRun();
      }
      // Listening first: a process that cannot bind its ports must stop before its workers claim a
      // task they would leave running under a worker that is gone.
      Server server = Listeners.start(config, tls, listeners(config, parts, plugins, publishRoot));
      plugins.usePlatform(
          new Platform(
              publishRoot,
              ServerAddresses.baseUrl("http", config, localPort(server, 0)),
              ServerAddresses.baseUrl("https", config, localPort(server, 1)),
              tls.caCertificatePem()));
      if (workers != null) {
        workers.start();
      }
      Depot depot =
          new Depot(config, database, plugins, server, workers, parts.queue, null, parts.notifier);
      depot.watchTasks(parts, timings);
      startContentApis(config, depot, publishRoot);
      LOG.info(
          "Depot is listening on http://{}:{}/pulp/api/v2/", config.bindAddress(), depot.port());
      return depot;
    } catch (Exception e) {
      database.close();
      throw e;
    }
  }

  /**
   * This process's heartbeat, whatever its roles, from the moment it has the database until it
   * closes it: a newer version's migration waits for it, and {@code /status/} lists it.
   */
  private static void recordProcess(ServerConfig config, WorkerTimings timings, Database database) {
    WorkerTimings process = timings.withTimeout(config.workerTimeoutSeconds());
    String roles = String.join(",", new java.util.TreeSet<>(config.roles()));
    database.recordProcess(
        new ProcessHeartbeat.Identity(ServerAddresses.workerName(config), roles, VERSION),
        process.heartbeatMillis(),
        process.timeoutSeconds());
  }

  /**
   * Starts the plugins' HTTP APIs with the platform distributors get, now that it knows its URLs,
   * and lists their prefixes for {@code depot webserver-config}. An API failing to start stops the
   * server: it would otherwise answer 503 forever.
   */
  private static void startContentApis(ServerConfig config, Depot depot, Path publishRoot)
      throws Exception {
    if (!config.has("content")) {
      return;
    }
    try {
      depot.plugins.contentApis().start(depot.plugins.platform());
      depot.plugins.contentApis().writeList(publishRoot);
    } catch (Exception | Error e) {
      try {
        depot.close();
      } catch (Exception closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  private static Workers startWorkers(
      ServerConfig config,
      WorkerTimings timings,
      Assembly parts,
      Map<String, TaskHandler> handlers) {
    Workers workers = newWorkers(config, timings, parts, handlers);
    workers.start();
    return workers;
  }

  private static Workers newWorkers(
      ServerConfig config,
      WorkerTimings timings,
      Assembly parts,
      Map<String, TaskHandler> handlers) {
    return new Workers(
        ServerAddresses.workerName(config),
        config.concurrency(),
        parts.queue,
        handlers,
        timings.withTimeout(config.workerTimeoutSeconds()),
        housekeeping(parts),
        (task, state) -> {
          parts.schedules.recordOutcome(task, state);
          parts.taskEvents.completed(task, state);
        });
  }

  /**
   * What a worker does beside tasks: fire due schedules (every second), delete killed tasks'
   * working directories and run removed-hooks a crash left due (at start, then every ten minutes).
   */
  private static Runnable housekeeping(Assembly parts) {
    Runnable schedules = new Throttled(1000, parts.schedules::fireDue);
    Runnable sweep = new Throttled(600_000, parts::sweepWorkingDirectories);
    Runnable removals = new Throttled(600_000, parts::finishRemovals);
    return () -> {
      schedules.run();
      sweep.run();
      removals.run();
    };
  }

  /** What the HTTP listeners serve: the REST API, published content, or both. */
  private static List<Handler> listeners(
      ServerConfig config, Assembly parts, PluginRegistry plugins, Path publishRoot)
      throws IOException {
    List<Handler> listeners = new ArrayList<>();
    if (config.has("api")) {
      listeners.add(parts.api());
    }
    if (config.has("content")) {
      Path contentRoot = parts.contentStore.root();
      for (String protocol : List.of(ContentServer.HTTP_CONNECTOR, ContentServer.HTTPS_CONNECTOR)) {
        listeners.add(ContentServer.forProtocol(protocol, publishRoot, contentRoot));
        for (ContentApis.Mounted api : plugins.contentApis().mounted()) {
          listeners.add(
              ContentApiHandler.forProtocol(
                  protocol, api, plugins.contentApis(), publishRoot, contentRoot));
        }
      }
    }
    return listeners;
  }

  /**
   * With workers, PostgreSQL's notifications wake them; without, a watch fails the tasks of workers
   * that went silent, as workers' own housekeeping does.
   */
  private void watchTasks(Assembly parts, WorkerTimings timings) {
    if (workers != null) {
      wakeups = wakeups(database, parts);
    } else {
      lostWorkers =
          LostWorkerWatch.start(parts.queue, timings.withTimeout(config.workerTimeoutSeconds()));
    }
  }

  /** The port connector {@code index} (0 HTTP, 1 HTTPS) of {@code server} bound. */
  private static int localPort(Server server, int index) {
    return ((ServerConnector) server.getConnectors()[index]).getLocalPort();
  }

  /** PostgreSQL's notifications waking idle workers; none on H2. */
  private static PostgresWakeups wakeups(Database database, Assembly parts) {
    return database.dialect() == Dialect.POSTGRESQL
        ? new PostgresWakeups(database.dataSource(), parts.queue)
        : null;
  }

  /** The HTTP port actually bound (useful when configured as 0). */
  public int port() {
    return localPort(http, 0);
  }

  /** The HTTPS port actually bound. */
  public int httpsPort() {
    return localPort(http, 1);
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

  /** This process's task workers, or null when it does not have the worker role. */
  public Workers workers() {
    return workers;
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
        if (lostWorkers != null) {
          lostWorkers.close();
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
