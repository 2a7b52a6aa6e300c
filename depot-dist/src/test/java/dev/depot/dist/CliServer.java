package dev.depot.dist;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.depot.cli.DepotCli;
import dev.depot.server.Depot;
import dev.depot.server.config.ServerConfig;
import dev.depot.server.support.TestDatabase;
import dev.depot.server.support.TestTls;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real server for the CLI tests, on a fresh H2 or PostgreSQL database (TestDatabase), with the
 * environment a user's shell would give the CLI (server URL, data directory for the password).
 */
final class CliServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Depot depot;
  private final TestDatabase database;
  private final String url;
  private final Map<String, String> env;

  private CliServer(Depot depot, TestDatabase database, String url, Map<String, String> env) {
    this.depot = depot;
    this.database = database;
    this.url = url;
    this.env = env;
  }

  /** Starts a server with its data in {@code dir}; {@code database} is "h2" or "postgresql". */
  static CliServer start(String database, Path dir) throws Exception {
    TestDatabase kind = database.equals("postgresql") ? TestDatabase.POSTGRESQL : TestDatabase.H2;
    String url = kind.freshUrl(dir);
    TestTls.seed(dir);
    Depot depot =
        Depot.start(ServerConfig.of("127.0.0.1", 0, 0, dir, url, null, dir.resolve("config")));
    TestTls.keep(dir);
    return new CliServer(
        depot,
        kind,
        url,
        Map.of("DEPOT_URL", "http://127.0.0.1:" + depot.port(), "DEPOT_DATA_DIR", dir.toString()));
  }

  Depot depot() {
    return depot;
  }

  Map<String, String> env() {
    return env;
  }

  /** One CLI run: exit code and what it printed. */
  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  /** Runs {@code depot ARGS...} against the server. */
  Run run(String... args) {
    return run(Map.of(), args);
  }

  /** Runs {@code depot ARGS...} and fails the test, showing what it printed, unless it exits 0. */
  Run succeed(String... args) {
    Run run = run(args);
    if (run.code() != 0) {
      throw new AssertionError(
          "depot "
              + String.join(" ", args)
              + " exited "
              + run.code()
              + ": "
              + run.err()
              + run.out());
    }
    return run;
  }

  /** Runs {@code depot ARGS...} with more environment variables than the server's. */
  Run run(Map<String, String> moreEnv, String... args) {
    Map<String, String> all = new HashMap<>(env);
    all.putAll(moreEnv);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = DepotCli.run(args, new PrintWriter(out), new PrintWriter(err), all);
    return new Run(code, out.toString(), err.toString());
  }

  @Override
  public void close() throws Exception {
    depot.close();
    database.drop(url);
  }
}
