package dev.depot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** {@code depot}: the admin command line. Every REST capability is a command. */
@Command(
    name = "depot",
    mixinStandardHelpOptions = true,
    versionProvider = DepotCli.Version.class,
    description = "Manage a Depot server: repositories, importers, distributors, tasks.",
    footer = {
      "",
      "Exit codes: 0 ok, 1 the server refused or a task failed, 2 bad usage,",
      "3 server unreachable.",
      "Run the server with: ./depot server"
    })
public final class DepotCli {
  /** The top-level commands, in the order the help lists them. */
  private static final List<Class<?>> COMMANDS =
      List.of(
          StatusCommand.class,
          RepoCommand.class,
          TaskCommand.class,
          PluginsCommand.class,
          WebserverConfigCommand.class,
          OrphansCommand.class,
          UploadsCommand.class,
          ConsumerCommand.class,
          UserCommands.User.class,
          UserCommands.Role.class,
          PermissionCommands.Permission.class,
          LoginCommand.class,
          SearchCommand.class,
          GroupCommands.RepoGroups.class,
          GroupCommands.ConsumerGroups.class,
          EventListenerCommands.class,
          ContentUnitCommands.class,
          BackupCommand.class,
          HelpCommand.class);

  /** {@code --version}: the build of this command line, which may differ from the server's. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"Depot " + dev.depot.publish.build.DepotBuild.version()};
    }
  }

  /** Exit code when the server refused a request or a task failed. */
  public static final int FAILED = 1;

  /** Exit code when the server cannot be reached. */
  public static final int UNREACHABLE = 3;

  @Option(
      names = "--url",
      paramLabel = "URL",
      scope = ScopeType.INHERIT,
      description = "Server URL (env DEPOT_URL, default " + Credentials.DEFAULT_URL + ").")
  String url;

  @Option(
      names = "--user",
      paramLabel = "LOGIN",
      scope = ScopeType.INHERIT,
      description = "User name (env DEPOT_USER, default admin).")
  String user;

  @Option(
      names = "--password",
      paramLabel = "PASSWORD",
      scope = ScopeType.INHERIT,
      description = "Password (env DEPOT_PASSWORD; default: read from <data-dir>/admin-password).")
  String password;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      scope = ScopeType.INHERIT,
      description = "A local server's data directory (env DEPOT_DATA_DIR, default ./depot-data).")
  String dataDir;

  @Option(
      names = "--ca-cert",
      paramLabel = "FILE",
      scope = ScopeType.INHERIT,
      description =
          "PEM CA certificate(s) to trust for an https:// --url (env DEPOT_CA_CERT; default"
              + " <data-dir>/tls/ca.crt when it exists, the server's own CA).")
  String caCert;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "Print the server's JSON instead of tables.")
  boolean json;

  Map<String, String> env = System.getenv();

  @Option(
      names = "--client-cert",
      scope = ScopeType.INHERIT,
      paramLabel = "FILE",
      description =
          "Authenticate with this key and certificate PEM from 'depot login' instead of a"
              + " password, over an https:// --url (env DEPOT_CLIENT_CERT).")
  String clientCert;

  ApiClient client() {
    Credentials credentials = Credentials.resolve(url, user, password, dataDir, env);
    String certificate = clientCert != null ? clientCert : env.get("DEPOT_CLIENT_CERT");
    if (certificate != null && !certificate.isEmpty()) {
      Path pem = Path.of(certificate);
      if (!credentials.url().regionMatches(true, 0, "https:", 0, 6)) {
        throw new IllegalArgumentException(
            "a client certificate only works over HTTPS: give an https:// --url (the server's"
                + " HTTPS port)");
      }
      if (!Files.isReadable(pem)) {
        throw new IllegalArgumentException("cannot read the client certificate " + pem);
      }
      Path ca = caFile();
      if (ca == null) {
        throw new IllegalArgumentException(
            "no CA to check the server with: give --ca-cert (the server's <data-dir>/tls/ca.crt)");
      }
      return new ApiClient(credentials.url(), ConsumerTls.context(ca, pem));
    }
    return new ApiClient(
        credentials.url(), credentials.user(), credentials.password(), tls(credentials.url()));
  }

  /**
   * Why the server may have asked for credentials: the CLI found no password where it looks (run
   * from another directory than the local server's, say), or the one it found is the local server's
   * admin-password file, which holds the admin password of its first start only: it is stale once
   * the password was changed, and it is never another user's. Empty when the password was given.
   */
  String passwordHint() {
    String certificate = clientCert != null ? clientCert : env.get("DEPOT_CLIENT_CERT");
    if (certificate != null && !certificate.isEmpty()) {
      return "";
    }
    Path file = Credentials.passwordFile(dataDir, env);
    Credentials credentials = Credentials.resolve(url, user, password, dataDir, env);
    if (credentials.password() == null) {
      if (!credentials.user().equals("admin")) {
        return "\nNo password was given for "
            + credentials.user()
            + ": pass it with --password (or DEPOT_PASSWORD).";
      }
      if (Files.isReadable(file)) {
        return "\nNo password was given, and "
            + file
            + " is a local server's: it is sent to another server only when --data-dir (or"
            + " DEPOT_DATA_DIR) names it. Pass --password (or DEPOT_PASSWORD).";
      }
      return "\nNo password was given and "
          + file
          + " is not there: pass --password (or DEPOT_PASSWORD), or --data-dir (or DEPOT_DATA_DIR)"
          + " naming the local server's data directory.";
    }
    boolean given =
        password != null && !password.isEmpty()
            || !env.getOrDefault("DEPOT_PASSWORD", "").isEmpty();
    if (given) {
      return "";
    }
    return "\nThe password was read from "
        + file
        + ", the admin password of the server's first start: if it was changed since, pass the"
        + " new one with --password (or DEPOT_PASSWORD).";
  }

  /**
   * What an https:// URL is trusted with: --ca-cert, else $DEPOT_CA_CERT, else the local server's
   * CA (it signs the server's certificate and no system trust store holds it), else the JDK's trust
   * store. Null for http://.
   */
  private SSLContext tls(String serverUrl) {
    if (!serverUrl.regionMatches(true, 0, "https:", 0, 6)) {
      return null;
    }
    Path ca = caFile();
    return ca == null ? null : ConsumerTls.context(ca, null);
  }

  /** The CA file named by --ca-cert or $DEPOT_CA_CERT, else the local server's, else null. */
  Path caFile() {
    String named = caCert != null ? caCert : env.get("DEPOT_CA_CERT");
    if (named != null && !named.isEmpty()) {
      Path ca = Path.of(named);
      if (!Files.isReadable(ca)) {
        throw new IllegalArgumentException("cannot read the CA certificate " + ca);
      }
      return ca;
    }
    String data = dataDir != null ? dataDir : env.getOrDefault("DEPOT_DATA_DIR", "depot-data");
    Path ca = Path.of(data.isEmpty() ? "depot-data" : data).resolve("tls").resolve("ca.crt");
    return Files.isReadable(ca) ? ca : null;
  }

  /** Runs the CLI and returns its exit code, writing to the given streams. */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> env) {
    DepotCli root = new DepotCli();
    root.env = env;
    CommandLine cli = commandLine(root, CommandChoice.named(args, DepotCli.class, COMMANDS));
    cli.setOut(out);
    cli.setErr(err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The whole command tree over {@code root}, with help on every command and the errors mapped. */
  static CommandLine commandLine(DepotCli root) {
    return commandLine(root, COMMANDS);
  }

  /**
   * The command tree over {@code root} with these top-level commands: the one a command line names
   * is enough to run it, and picocli reads every option of every command it is given, which cost a
   * third of a second of each run with all of them.
   */
  private static CommandLine commandLine(DepotCli root, List<Class<?>> commands) {
    CommandLine cli = new CommandLine(root);
    commands.forEach(cli::addSubcommand);
    HelpCommand.addHelpOptions(cli);
    // "@FILE" is how a config option names a JSON file (JSON|@FILE); picocli would otherwise
    // take any argument starting with @ as a file of more arguments and splice its words in.
    cli.setExpandAtFiles(false);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ApiClient.ApiException api) {
            String line = api.line();
            if (api.status() == 401 && !api.explained()) {
              line += ((DepotCli) cmd.getCommandSpec().root().userObject()).passwordHint();
            }
            return fail(cmd, line, api.json(), FAILED);
          }
          if (e instanceof ApiClient.UnreachableException unreachable) {
            return fail(cmd, unreachable.getMessage(), UNREACHABLE);
          }
          if (e instanceof IllegalArgumentException bad) {
            return fail(cmd, bad.getMessage(), cmd.getCommandSpec().exitCodeOnInvalidInput());
          }
          throw e;
        });
    CommandLine.IParameterExceptionHandler usage = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler(
        (e, args) ->
            json(e.getCommandLine())
                ? fail(
                    e.getCommandLine(),
                    e.getMessage(),
                    e.getCommandLine().getCommandSpec().exitCodeOnInvalidInput())
                : usage.handleParseException(e, args));
    return cli;
  }

  private static boolean json(CommandLine cmd) {
    return ((DepotCli) cmd.getCommandSpec().root().userObject()).json;
  }

  private static int fail(CommandLine cmd, String message, int code) {
    return fail(
        cmd,
        "Error: " + message,
        ApiClient.JSON.createObjectNode().put("error_message", message).put("exit_code", code),
        code);
  }

  /**
   * Reports a failure: the line on stderr, or with {@code --json} the error object on stdout
   * (Pulp's error body from the server, else {@code error_message} as Pulp names it), so that a
   * script reading JSON gets JSON whether the command worked or not.
   */
  private static int fail(CommandLine cmd, String line, JsonNode json, int code) {
    if (!json(cmd)) {
      cmd.getErr().println(line);
      return code;
    }
    try {
      cmd.getOut()
          .println(ApiClient.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    cmd.getOut().flush();
    return code;
  }

  /** Entry point of {@code ./depot}. */
  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            System.getenv()));
  }
}
