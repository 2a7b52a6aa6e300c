package dev.depot.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The peers the file benchmarks measure Depot against: nginx, wrk, curl. */
final class Peers {
  private Peers() {}

  static void require(String... tools) {
    for (String tool : tools) {
      if (!Files.isExecutable(Path.of("/usr/bin", tool))
          && !Files.isExecutable(Path.of("/usr/sbin", tool))) {
        throw new IllegalStateException(
            tool + " is not installed; install it (apt-get install " + tool + ") and run again");
      }
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Starts a private nginx (one worker, like the built-in server it is compared with). */
  static void startNginx(Path root, String servers) throws Exception {
    Files.createDirectories(root.resolve("tmp"));
    String user = "root".equals(System.getProperty("user.name")) ? "user root;\n" : "";
    String conf =
        user
            + "worker_processes 1;\npid %s/nginx.pid;\nerror_log %s/error.log;\n"
                .formatted(root, root)
            + "events { worker_connections 4096; }\nhttp {\n"
            + "  include /etc/nginx/mime.types;\n  access_log off;\n"
            + "  client_body_temp_path %s/tmp/b;\n  proxy_temp_path %s/tmp/p;\n"
                .formatted(root, root)
            + "  fastcgi_temp_path %s/tmp/f;\n  uwsgi_temp_path %s/tmp/u;\n".formatted(root, root)
            + "  scgi_temp_path %s/tmp/s;\n".formatted(root)
            + servers
            + "}\n";
    Path file = Files.writeString(root.resolve("nginx.conf"), conf);
    run(
        List.of(
            "nginx",
            "-e",
            root.resolve("error.log").toString(),
            "-p",
            root.toString(),
            "-c",
            file.toString()));
  }

  static void stopNginx(Path root) throws Exception {
    Path pid = root.resolve("nginx.pid");
    if (Files.exists(pid)) {
      run(List.of("kill", "-QUIT", Files.readString(pid).trim()));
    }
  }

  private static final Pattern REQUESTS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

  /** Requests per second wrk measured on one URL. */
  static double wrk(String url, int seconds) throws Exception {
    String out = run(List.of("wrk", "-t2", "-c10", "-d" + seconds + "s", url));
    Matcher m = REQUESTS.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("wrk printed no Requests/sec:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  /** What {@code wrk --latency} measured: requests per second, median and 99th percentile. */
  record Latency(double requestsPerSecond, double p50Millis, double p99Millis) {}

  private static final Pattern PERCENTILE =
      Pattern.compile("^\\s*(50|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);

  /**
   * {@code wrk -t2 -c<connections> -d<seconds>s --latency}, with a Lua {@code script} (or null)
   * that picks each request's path.
   */
  static Latency wrkLatency(String url, int seconds, int connections, Path script)
      throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("wrk", "-t2"));
    command.addAll(List.of("-c" + connections, "-d" + seconds + "s", "--latency"));
    if (script != null) {
      command.addAll(List.of("-s", script.toString()));
    }
    command.add(url);
    String out = run(command);
    Matcher rate = REQUESTS.matcher(out);
    Matcher m = PERCENTILE.matcher(out);
    double[] millis = new double[2];
    int found = 0;
    while (m.find()) {
      double unit =
          switch (m.group(3)) {
            case "us" -> 0.001;
            case "ms" -> 1;
            default -> 1000;
          };
      millis[m.group(1).equals("50") ? 0 : 1] = Double.parseDouble(m.group(2)) * unit;
      found++;
    }
    if (!rate.find() || found != 2 || out.contains("Non-2xx")) {
      throw new IllegalStateException("wrk printed no rate and latencies, or errors:\n" + out);
    }
    return new Latency(Double.parseDouble(rate.group(1)), millis[0], millis[1]);
  }

  static String run(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
    }
    return out;
  }
}
