package dev.depot.server;

import dev.depot.server.config.ServerConfig;
import dev.depot.server.config.ServerConfigResolver;
import dev.depot.server.config.ServerConfigResolver.ServerFlags;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code depot server}: runs the server until it is stopped. */
@Command(
    name = "depot server",
    mixinStandardHelpOptions = true,
    versionProvider = DepotServerMain.Version.class,
    description = {
      "Runs the Depot server: the REST API under /pulp/api/v2/.",
      "Each setting comes from its flag, else its DEPOT_* environment variable (e.g."
          + " DEPOT_DATABASE_URL), else the config file, else the default."
    })
public final class DepotServerMain implements Callable<Integer> {
  @Option(names = "--port", paramLabel = "PORT", description = "HTTP port (default 8080).")
  String port;

  @Option(
      names = "--https-port",
      paramLabel = "PORT",
      description = "HTTPS port for content (default 8443).")
  String httpsPort;

  @Option(
      names = "--bind",
      paramLabel = "ADDRESS",
      description = "Address to listen on (default 0.0.0.0).")
  String bind;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where Depot keeps its data (default ./depot-data).")
  String dataDir;

  @Option(
      names = "--database-url",
      paramLabel = "JDBC_URL",
      description =
          "JDBC URL (default: an H2 file in the data directory;"
              + " jdbc:postgresql://host:5432/db?user=... for production).")
  String databaseUrl;

  @Option(
      names = "--admin-password",
      paramLabel = "PASSWORD",
      description =
          "The admin password, set at first start. Without it a random one is generated and"
              + " written once to <data-dir>/admin-password (mode 0600).")
  String adminPassword;

  @Option(
      names = "--config-dir",
      paramLabel = "DIR",
      description = "Directory of plugins.d/<plugin id>.json defaults (default <data-dir>/config).")
  String configDir;

  @Option(
      names = "--roles",
      paramLabel = "ROLES",
      description =
          "What this process does, comma-separated: api (REST), content (serving published"
              + " trees), worker (running tasks). Default: all three.")
  String roles;

  @Option(
      names = "--worker-name",
      paramLabel = "NAME",
      description =
          "This process's worker name, unique among processes sharing the database and stable"
              + " across restarts (default: depot@<host>:<port>).")
  String workerName;

  @Option(
      names = "--workers",
      paramLabel = "N",
      description = "Tasks this process runs at once (default 2).")
  String workers;

  @Option(
      names = "--worker-timeout",
      paramLabel = "SECONDS",
      description =
          "Seconds without a heartbeat after which a worker is gone and its running tasks fail"
              + " (default 30).")
  String workerTimeout;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Properties file with the same settings, keys named like the flags (port, data-dir, ...);"
              + " an unknown key is an error. Default: $DEPOT_CONFIG, else"
              + " /etc/depot/depot.properties if it exists.")
  String configFile;

  @Override
  public Integer call() throws Exception {
    ServerConfig config =
        ServerConfigResolver.load(configFile, System.getenv())
            .resolve(
                new ServerFlags(
                    bind,
                    port,
                    httpsPort,
                    dataDir,
                    databaseUrl,
                    adminPassword,
                    configDir,
                    roles,
                    workerName,
                    workers,
                    workerTimeout));
    Depot depot = Depot.start(config);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    depot.close();
                  } catch (Exception e) {
                    System.err.println("Error while stopping: " + e);
                  }
                }));
    depot.awaitStop();
    return 0;
  }

  /** {@code --version}: this build, as {@code /status/} reports it. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Depot " + Depot.VERSION};
    }
  }

  /** Entry point of {@code ./depot server}. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new DepotServerMain());
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          cmd.getErr().println("depot server: " + e.getMessage());
          return 1;
        });
    System.exit(cli.execute(args));
  }
}
