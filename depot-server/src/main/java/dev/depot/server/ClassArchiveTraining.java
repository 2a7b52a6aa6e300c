package dev.depot.server;

import dev.depot.plugin.FileTrees;
import dev.depot.server.config.ServerConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * What {@code ./depot server} runs once after a build to make the server's class-data archive: a
 * server on embedded defaults in a temporary directory, on ports the system picks, starts, answers
 * a few API calls and stops; the classes the JVM loaded meanwhile go into the archive, which every
 * later start maps instead of loading and linking them (a start took 2.1-2.5 s without one and
 * 1.4-1.5 s with one, here). Leaves nothing behind.
 */
final class ClassArchiveTraining {
  private static final String PASSWORD = "class-archive-training";

  private ClassArchiveTraining() {}

  /** Runs the training. */
  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("depot-class-archive");
    try {
      ServerConfig config =
          ServerConfig.of(
              "127.0.0.1",
              0,
              0,
              dir,
              "jdbc:h2:file:" + dir.resolve("db").resolve("depot"),
              PASSWORD,
              dir.resolve("config"));
      try (Depot depot = Depot.start(config)) {
        String api = "http://127.0.0.1:" + depot.port() + "/pulp/api/v2/";
        call("GET", api + "status/", null);
        call("POST", api + "repositories/", "{\"id\": \"training\"}");
        call("GET", api + "repositories/?details=true", null);
        call("GET", api + "plugins/types/", null);
        call("GET", api + "repositories/absent/", null);
      }
    } finally {
      FileTrees.delete(dir);
    }
  }

  private static void call(String method, String url, String body) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
    connection.setRequestMethod(method);
    String credentials = "admin:" + PASSWORD;
    connection.setRequestProperty(
        "Authorization",
        "Basic "
            + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    if (body != null) {
      connection.setDoOutput(true);
      connection.setRequestProperty("Content-Type", "application/json");
      try (OutputStream out = connection.getOutputStream()) {
        out.write(body.getBytes(StandardCharsets.UTF_8));
      }
    }
    int status = connection.getResponseCode();
    try (InputStream in =
        status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
      if (in != null) {
        in.readAllBytes();
      }
    }
  }
}
