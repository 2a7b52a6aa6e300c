package dev.depot.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the CLI finds the server and the password: the flag, else the {@code DEPOT_*} variable,
 * else (for the password) {@code <data-dir>/admin-password} written by a local server at its first
 * start.
 *
 * @param url the server's base URL
 * @param user the user name
 * @param password the password, or null if none could be found
 */
public record Credentials(String url, String user, String password) {
  /** The default server URL. */
  public static final String DEFAULT_URL = "http://127.0.0.1:8080";

  /** Resolves the settings from flags (null where absent) and the environment. */
  public static Credentials resolve(
      String urlFlag,
      String userFlag,
      String passwordFlag,
      String dataDirFlag,
      Map<String, String> env) {
    String url = first(urlFlag, env.get("DEPOT_URL"), DEFAULT_URL);
    String user = first(userFlag, env.get("DEPOT_USER"), "admin");
    String password = first(passwordFlag, env.get("DEPOT_PASSWORD"), null);
    if (password == null) {
      Path file =
          Path.of(first(dataDirFlag, env.get("DEPOT_DATA_DIR"), "depot-data"))
              .resolve("admin-password");
      if (Files.isReadable(file)) {
        try {
          password = Files.readString(file).trim();
        } catch (IOException e) {
          password = null;
        }
      }
    }
    return new Credentials(url, user, password);
  }

  private static String first(String a, String b, String fallback) {
    if (a != null && !a.isEmpty()) {
      return a;
    }
    if (b != null && !b.isEmpty()) {
      return b;
    }
    return fallback;
  }

  @Override
  public String toString() {
    return "Credentials[url="
        + url
        + ", user="
        + user
        + ", password="
        + (password == null ? "none" : "*****")
        + "]";
  }
}
