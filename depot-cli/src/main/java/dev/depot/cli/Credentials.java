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

  /**
   * Resolves the settings from flags (null where absent) and the environment. The admin-password
   * file is read for the admin only, and only for a server on this machine or when the data
   * directory is named: run from a checkout holding a local server's {@code depot-data}, a command
   * against another server must not send it this one's admin password.
   */
  public static Credentials resolve(
      String urlFlag,
      String userFlag,
      String passwordFlag,
      String dataDirFlag,
      Map<String, String> env) {
    String url = first(urlFlag, env.get("DEPOT_URL"), DEFAULT_URL);
    String user = first(userFlag, env.get("DEPOT_USER"), "admin");
    String password = first(passwordFlag, env.get("DEPOT_PASSWORD"), null);
    boolean named = first(dataDirFlag, env.get("DEPOT_DATA_DIR"), null) != null;
    if (password == null && user.equals("admin") && (named || isLocal(url))) {
      Path file = passwordFile(dataDirFlag, env);
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

  /** {@code <data-dir>/admin-password}, the file a local server writes its first password to. */
  static Path passwordFile(String dataDirFlag, Map<String, String> env) {
    return Path.of(first(dataDirFlag, env.get("DEPOT_DATA_DIR"), "depot-data"))
        .resolve("admin-password")
        .toAbsolutePath();
  }

  /**
   * Whether the URL's host is this machine: a loopback or wildcard address or one of its
   * interfaces' (its own name). Literal addresses and localhost cost no lookup.
   */
  static boolean isLocal(String url) {
    String host;
    try {
      host = java.net.URI.create(url).getHost();
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (host == null) {
      return false;
    }
    if (host.equalsIgnoreCase("localhost")) {
      return true;
    }
    try {
      for (java.net.InetAddress address :
          java.net.InetAddress.getAllByName(host.replaceAll("^\\[|\\]$", ""))) {
        if (address.isLoopbackAddress()
            || address.isAnyLocalAddress()
            || java.net.NetworkInterface.getByInetAddress(address) != null) {
          return true;
        }
      }
    } catch (IOException e) {
      return false; // unknown host or no interfaces: the request will fail on its own
    }
    return false;
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
