package dev.depot.server.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * The server's resolved settings (flags, then {@code DEPOT_*} variables, then the config file, then
 * defaults; see {@link ServerConfigResolver}).
 *
 * @param bindAddress address the HTTP and HTTPS listeners bind to
 * @param port HTTP port (0 picks a free one, for tests)
 * @param httpsPort HTTPS port, reserved for content serving
 * @param dataDir root of everything the server writes
 * @param databaseUrl JDBC URL: an H2 file by default, {@code jdbc:postgresql://} in production
 * @param adminPassword admin password set at first start, or null to generate one; a secret
 * @param configDir where {@code plugins.d/<plugin id>.json} plugin defaults live
 * @param roles what this process does: {@code api}, {@code content}, {@code worker}
 * @param workerName this process's worker name, unique among processes sharing the database
 * @param concurrency how many tasks this process's worker runs at once
 * @param workerTimeoutSeconds a worker silent this long is gone and its tasks fail
 * @param limits caps on what clients send
 * @param userCertValidity how long a login certificate ({@code POST /actions/login/}) is valid
 */
public record ServerConfig(
    String bindAddress,
    int port,
    int httpsPort,
    Path dataDir,
    String databaseUrl,
    String adminPassword,
    Path configDir,
    Set<String> roles,
    String workerName,
    int concurrency,
    int workerTimeoutSeconds,
    InputLimits limits,
    java.time.Duration userCertValidity,
    PathAllowlists allowedPaths) {
  /** Pulp's default {@code user_cert_expiration}: 7 days. */
  public static final java.time.Duration DEFAULT_USER_CERT_VALIDITY = java.time.Duration.ofDays(7);

  /** The roles a process can take. */
  public static final Set<String> ALL_ROLES = Set.of("api", "content", "worker");

  /** Checks the ports and paths. */
  public ServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(configDir, "configDir");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(allowedPaths, "allowedPaths");
    if (userCertValidity == null || userCertValidity.isNegative() || userCertValidity.isZero()) {
      throw new IllegalArgumentException("user-cert-expiration must be a positive duration");
    }
    checkPort("port", port);
    checkPort("https-port", httpsPort);
    roles = Set.copyOf(roles);
    if (roles.isEmpty() || !ALL_ROLES.containsAll(roles)) {
      throw new IllegalArgumentException("roles must be some of api, content, worker: " + roles);
    }
    if (concurrency < 1) {
      throw new IllegalArgumentException("workers must be at least 1, not " + concurrency);
    }
    if (workerTimeoutSeconds < 1) {
      throw new IllegalArgumentException("worker-timeout must be at least 1 second");
    }
  }

  /** A configuration with every role and default worker settings, for embedding and tests. */
  public static ServerConfig of(
      String bindAddress,
      int port,
      int httpsPort,
      Path dataDir,
      String databaseUrl,
      String adminPassword,
      Path configDir) {
    return new ServerConfig(
        bindAddress,
        port,
        httpsPort,
        dataDir,
        databaseUrl,
        adminPassword,
        configDir,
        ALL_ROLES,
        null,
        2,
        30,
        InputLimits.DEFAULT,
        DEFAULT_USER_CERT_VALIDITY,
        PathAllowlists.NONE);
  }

  /** Whether this process takes the role. */
  public boolean has(String role) {
    return roles.contains(role);
  }

  /** The same configuration with other roles and worker name. */
  public ServerConfig withWorker(Set<String> newRoles, String name, int timeoutSeconds) {
    return copy(newRoles, name, timeoutSeconds, limits, allowedPaths);
  }

  /** The same configuration with other input limits. */
  public ServerConfig withLimits(InputLimits newLimits) {
    return copy(roles, workerName, workerTimeoutSeconds, newLimits, allowedPaths);
  }

  /** The same configuration with other allowed import and export directories. */
  public ServerConfig withAllowedPaths(PathAllowlists newAllowedPaths) {
    return copy(roles, workerName, workerTimeoutSeconds, limits, newAllowedPaths);
  }

  /** This configuration with the fields the withers change replaced; a new wither adds one here. */
  private ServerConfig copy(
      Set<String> newRoles,
      String newWorkerName,
      int newTimeoutSeconds,
      InputLimits newLimits,
      PathAllowlists newAllowedPaths) {
    return new ServerConfig(
        bindAddress,
        port,
        httpsPort,
        dataDir,
        databaseUrl,
        adminPassword,
        configDir,
        newRoles,
        newWorkerName,
        concurrency,
        newTimeoutSeconds,
        newLimits,
        userCertValidity,
        newAllowedPaths);
  }

  private static void checkPort(String name, int value) {
    if (value < 0 || value > 65535) {
      throw new IllegalArgumentException(name + " must be between 0 and 65535, not " + value);
    }
  }

  /** The default embedded database: an H2 file in the data directory. */
  public static String embeddedDatabaseUrl(Path dataDir) {
    return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("db").resolve("depot");
  }

  /** The file the generated admin password is written to, once. */
  public Path adminPasswordFile() {
    return dataDir.resolve("admin-password");
  }

  @Override
  public String toString() {
    return "ServerConfig[bind="
        + bindAddress
        + ", port="
        + port
        + ", httpsPort="
        + httpsPort
        + ", dataDir="
        + dataDir
        + ", database="
        + redactedDatabaseUrl()
        + ", configDir="
        + configDir
        + ", roles="
        + roles
        + ", concurrency="
        + concurrency
        + "]";
  }

  /** The database URL without a password parameter, for logs. */
  public String redactedDatabaseUrl() {
    return databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1*****");
  }
}
