package dev.depot.dist;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The real curl, as a user drives it against the content server. */
final class Curl {
  private Curl() {}

  /**
   * One curl run: its exit code, the status line's code, the response headers and the body.
   *
   * @param exit curl's exit code
   * @param status the HTTP status, or 0 when there was no response
   * @param headers the header block of the final response
   * @param body the body bytes
   */
  record Result(int exit, int status, String headers, byte[] body) {
    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    String header(String name) {
      for (String line : headers.split("\r?\n")) {
        int colon = line.indexOf(':');
        if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return line.substring(colon + 1).trim();
        }
      }
      return null;
    }
  }

  static Result run(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of("curl", "-sS", "-D", "/dev/stderr"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).start();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    Thread errors = Thread.ofVirtual().start(() -> copy(process.getErrorStream(), headers));
    copy(process.getInputStream(), body);
    int exit = process.waitFor();
    errors.join();
    String head = headers.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
    // With redirects or 100-continue there are several header blocks: keep the last.
    int last = head.lastIndexOf("HTTP/");
    head = last < 0 ? head : head.substring(last);
    int status = 0;
    if (head.startsWith("HTTP/")) {
      String[] parts = head.split(" ", 3);
      status = Integer.parseInt(parts[1].trim().toLowerCase(Locale.ROOT));
    }
    return new Result(exit, status, head, body.toByteArray());
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    try (in) {
      in.transferTo(out);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
