package dev.depot.server.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Resolves each setting from, in order: the command-line flag, the {@code DEPOT_*} environment
 * variable, the config file ({@code --config}, {@code DEPOT_CONFIG}, or {@code
 * /etc/depot/depot.properties} when it exists), and the default.
 *
 * <p>Config file keys are the flag names without dashes: {@code port}, {@code https-port}, {@code
 * data-dir}, {@code database-url}, {@code admin-password}, {@code config-dir}, {@code bind}, {@code
 * roles}, {@code worker-name}, {@code workers}, {@code worker-timeout}; and, with no flag, the
 * input limits {@code max-request-body}, {@code max-upload-chunk}, {@code min-free-space}, {@code
 * upload-expiry} (see {@link InputLimits}), {@code user-cert-expiration} (days, as Pulp's) and
 * {@code allowed-import-paths}, {@code allowed-export-paths} (see {@link PathAllowlists}). Any
 * other key in the file stops the server at start (see {@link ConfigFile}).
 */
public final class ServerConfigResolver {
  static final Path SYSTEM_CONFIG = Path.of("/etc/depot/depot.properties");

  /** Every setting's name: the config file's keys, and the {@code DEPOT_*} variables' stems. */
  static final Set<String> KEYS =
      Set.of(
          "port",
          "https-port",
          "data-dir",
          "database-url",
          "admin-password",
          "config-dir",
          "bind",
          "roles",
          "worker-name",
          "workers",
          "worker-timeout",
          "max-request-body",
          "max-upload-chunk",
          "min-free-space",
          "upload-expiry",
          "user-cert-expiration",
          "allowed-import-paths",
          "allowed-export-paths");

  private final Map<String, String> env;
  private final Map<String, String> file;

  private ServerConfigResolver(Map<String, String> env, Map<String, String> file) {
    this.env = env;
    this.file = file;
  }

  /**
   * Builds the resolver, reading the config file named by the flag or environment.
   *
   * @param configFlag the {@code --config} flag value, or null
   * @param env the process environment
   */
  public static ServerConfigResolver load(String configFlag, Map<String, String> env) {
    Path configFile = null;
    if (configFlag != null) {
      configFile = Path.of(configFlag);
    } else if (env.get("DEPOT_CONFIG") != null) {
      configFile = Path.of(env.get("DEPOT_CONFIG"));
    } else if (Files.isReadable(SYSTEM_CONFIG)) {
      configFile = SYSTEM_CONFIG;
    }
    Map<String, String> file = configFile == null ? Map.of() : ConfigFile.read(configFile, KEYS);
    return new ServerConfigResolver(env, file);
  }

  /** The value of one setting; {@code name} is the flag name without dashes. */
  String value(String name, String flagValue, String fallback) {
    if (!KEYS.contains(name)) {
      // A setting read here but not listed would be refused in the file that sets it.
      throw new IllegalStateException("setting " + name + " is missing from KEYS");
    }
    if (flagValue != null) {
      return flagValue;
    }
    String envName = "DEPOT_" + name.toUpperCase().replace('-', '_');
    if (env.get(envName) != null && !env.get(envName).isEmpty()) {
      return env.get(envName);
    }
    return file.getOrDefault(name, fallback);
  }

  /** Resolves the whole configuration from the flags given (null where absent). */
  public ServerConfig resolve(ServerFlags flags) {
    Path dataDir = Path.of(value("data-dir", flags.dataDir(), "depot-data")).toAbsolutePath();
    return new ServerConfig(
        value("bind", flags.bind(), "0.0.0.0"),
        port("port", value("port", flags.port(), "8080")),
        port("https-port", value("https-port", flags.httpsPort(), "8443")),
        dataDir,
        value("database-url", flags.databaseUrl(), ServerConfig.embeddedDatabaseUrl(dataDir)),
        value("admin-password", flags.adminPassword(), null),
        Path.of(value("config-dir", flags.configDir(), dataDir.resolve("config").toString()))
            .toAbsolutePath(),
        roles(value("roles", flags.roles(), "api,content,worker")),
        value("worker-name", flags.workerName(), null),
        number("workers", value("workers", flags.workers(), "2")),
        number("worker-timeout", value("worker-timeout", flags.workerTimeout(), "30")),
        limits(),
        userCertValidity(value("user-cert-expiration", null, "7")),
        new PathAllowlists(
            PathAllowlists.parse("allowed-import-paths", value("allowed-import-paths", null, null)),
            PathAllowlists.parse(
                "allowed-export-paths", value("allowed-export-paths", null, null))));
  }

  /** Days, as Pulp's {@code user_cert_expiration}, or a duration such as {@code 12h}. */
  private static java.time.Duration userCertValidity(String text) {
    String value = text.trim();
    if (!value.isEmpty() && Character.isDigit(value.charAt(value.length() - 1))) {
      return java.time.Duration.ofDays(number("user-cert-expiration", value));
    }
    return InputLimits.parseDuration("user-cert-expiration", value);
  }

  /** Input limits come from the environment or the config file only: no flag for each. */
  private InputLimits limits() {
    InputLimits defaults = InputLimits.DEFAULT;
    return new InputLimits(
        size("max-request-body", defaults.maxRequestBody()),
        size("max-upload-chunk", defaults.maxUploadChunk()),
        size("min-free-space", defaults.minFreeSpace()),
        InputLimits.parseDuration(
            "upload-expiry",
            value("upload-expiry", null, defaults.uploadExpiry().toHours() + "h")));
  }

  private long size(String name, long fallback) {
    return InputLimits.parseSize(name, value(name, null, Long.toString(fallback)));
  }

  private static java.util.Set<String> roles(String text) {
    java.util.Set<String> roles = new java.util.TreeSet<>();
    for (String role : text.split(",")) {
      if (!role.isBlank()) {
        roles.add(role.trim());
      }
    }
    return roles;
  }

  private static int number(String name, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + text + "'", e);
    }
  }

  private static int port(String name, String text) {
    try {
      return Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a number, not '" + text + "'", e);
    }
  }

  /**
   * The raw flag values, null where the flag was not given.
   *
   * @param bind {@code --bind}
   * @param port {@code --port}
   * @param httpsPort {@code --https-port}
   * @param dataDir {@code --data-dir}
   * @param databaseUrl {@code --database-url}
   * @param adminPassword {@code --admin-password}
   * @param configDir {@code --config-dir}
   * @param roles {@code --roles}
   * @param workerName {@code --worker-name}
   * @param workers {@code --workers}
   * @param workerTimeout {@code --worker-timeout}
   */
  public record ServerFlags(
      String bind,
      String port,
      String httpsPort,
      String dataDir,
      String databaseUrl,
      String adminPassword,
      String configDir,
      String roles,
      String workerName,
      String workers,
      String workerTimeout) {
    /** No flag given. */
    public static final ServerFlags NONE =
        new ServerFlags(null, null, null, null, null, null, null, null, null, null, null);
  }
}
