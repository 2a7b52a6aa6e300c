package dev.depot.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a {@link ContentApi} answers: one of a few outcomes, so the server can serve each safely
 * (JSON with the right headers, files only from where Depot keeps content).
 */
public sealed interface ContentResponse {
  /**
   * A JSON document with its status, sent as {@code application/json} in UTF-8.
   *
   * @param status the HTTP status, 200 to 599
   * @param body the JSON text; the plugin builds it (this module has no JSON library)
   */
  record Json(int status, String body) implements ContentResponse {
    /** Checks the status and the body. */
    public Json {
      Objects.requireNonNull(body, "body");
      if (status < 200 || status > 599) {
        throw new IllegalArgumentException("not an answer's status: " + status);
      }
    }
  }

  /**
   * A file to stream, with its length, {@code Last-Modified} and {@code ETag}; the server also
   * answers byte ranges and conditional requests for it, as for the static trees. Followed symlinks
   * must resolve inside the platform's publish root or content store; anything else is answered
   * 404, as if it did not exist, so a link planted in a published tree cannot leak other files.
   *
   * @param file the file, usually inside a tree below {@link Platform#servedRoot}
   * @param contentType its media type, e.g. {@code application/gzip}
   */
  record File(Path file, String contentType) implements ContentResponse {
    /** Checks both are given. */
    public File {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(contentType, "contentType");
    }
  }

  /**
   * 404 with a body in Pulp's error shape: {@code {"message": message, "errors": [message]}}.
   *
   * @param message what was not found, e.g. {@code "repository r1 not found"}
   * @return the answer
   */
  static ContentResponse notFound(String message) {
    return error(404, message);
  }

  /**
   * A status with a body in Pulp's error shape, e.g. 400 for a missing query parameter.
   *
   * @param status the HTTP status, 400 to 599
   * @param message what went wrong, sent to the client
   * @return the answer
   */
  static ContentResponse error(int status, String message) {
    if (status < 400) {
      throw new IllegalArgumentException("not an error status: " + status);
    }
    String quoted = quote(message);
    return new Json(status, "{\"message\": " + quoted + ", \"errors\": [" + quoted + "]}");
  }

  /**
   * 200 with a JSON body.
   *
   * @param body the JSON text
   * @return the answer
   */
  static ContentResponse json(String body) {
    return new Json(200, body);
  }

  /**
   * A string as a JSON string literal, quotes included: what a plugin needs to build small JSON
   * bodies by hand.
   *
   * @param text any text
   * @return the literal, e.g. {@code "a \"b\""} for {@code a "b"}
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
