package dev.depot.plugin;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the raw path and query of a request to a content API into what {@link ContentRequest}
 * promises the API: a decoded path without dot segments, encoded slashes, backslashes or NUL. A
 * path that cannot keep that promise is refused (400) rather than cleaned up, so an API never maps
 * an ambiguous path onto the disk. Used by every host of a {@link ContentApi}: the server and the
 * testkit's {@code ContentApiServer}.
 */
public final class ContentPaths {
  private ContentPaths() {}

  /**
   * The decoded path below the prefix, or empty when it must be refused.
   *
   * @param raw the request's path below the prefix, still percent-encoded
   */
  public static Optional<String> decode(String raw) {
    String path = raw.isEmpty() ? "/" : raw;
    String lower = path.toLowerCase(Locale.ROOT);
    // An encoded slash or backslash would make one segment look like two once decoded.
    if (lower.contains("%2f") || lower.contains("%5c") || !path.startsWith("/")) {
      return Optional.empty();
    }
    Optional<String> decoded = percentDecode(path);
    return decoded.filter(ContentRequest::isSafePath);
  }

  private static Optional<String> percentDecode(String path) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(path.length());
    for (int i = 0; i < path.length(); i++) {
      int c = path.codePointAt(i);
      if (c != '%') {
        byte[] utf8 = Character.toString(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(utf8, 0, utf8.length);
        i += Character.charCount(c) - 1;
        continue;
      }
      if (i + 2 >= path.length()) {
        return Optional.empty();
      }
      int high = Character.digit(path.charAt(i + 1), 16);
      int low = Character.digit(path.charAt(i + 2), 16);
      if (high < 0 || low < 0) {
        return Optional.empty();
      }
      bytes.write(high * 16 + low);
      i += 2;
    }
    try {
      return Optional.of(
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes.toByteArray()))
              .toString());
    } catch (CharacterCodingException e) {
      return Optional.empty();
    }
  }

  /**
   * The query's parameters, decoded as forms are, in order; a parameter without {@code =} has an
   * empty value.
   *
   * @param raw the raw query, or null
   * @throws IllegalArgumentException when an escape is malformed
   */
  public static Map<String, List<String>> query(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query
          .computeIfAbsent(URLDecoder.decode(name, StandardCharsets.UTF_8), k -> new ArrayList<>())
          .add(URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }
}
