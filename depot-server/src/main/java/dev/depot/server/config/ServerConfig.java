package dev.depot.server.config;

import java.nio.file.Path;
import java.util.Objects;

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
 */
public record ServerConfig(
    String bindAddress,
    int port,
    int httpsPort,
    Path dataDir,
    String databaseUrl,
    String adminPassword,
    Path configDir) {

  /** Checks the ports and paths. */
  public ServerConfig {
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(databaseUrl, "databaseUrl");
    Objects.requireNonNull(configDir, "configDir");
    checkPort("port", port);
    checkPort("https-port", httpsPort);
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
        + "]";
  }

  /** The database URL without a password parameter, for logs. */
  public String redactedDatabaseUrl() {
    return databaseUrl.replaceAll("(?i)(password=)[^&;]*", "$1*****");
  }
}
