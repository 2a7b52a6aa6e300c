package dev.depot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.ParameterException;

/** Turns {@code key=value} options and JSON arguments into request maps. */
final class Options {
  private Options() {}

  /**
   * Parses {@code key=value} pairs: {@code true}/{@code false} become booleans, whole numbers
   * (without a leading zero) numbers, {@code key=} (nothing after =) null (which removes the key in
   * an update), {@code key=@FILE} the text of that file (certificates, keys: as curl reads {@code
   * -d @FILE}), {@code key=@@...} text starting with one {@code @}; anything else stays text.
   */
  static Map<String, Object> pairs(List<String> pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (String pair : pairs == null ? List.<String>of() : pairs) {
      String value = value(pair);
      map.put(key(pair), value.startsWith("@") ? fileOrText(value) : typed(value));
    }
    return map;
  }

  private static String fileOrText(String value) {
    if (value.startsWith("@@")) {
      return value.substring(1);
    }
    Path file = Path.of(value.substring(1));
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read "
              + file
              + " (a value starting with @ names a file; @@ for a literal @): "
              + why(e));
    }
  }

  /** Why a file could not be read: the JDK's own message of a missing file is its path again. */
  private static String why(IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException missing -> "no such file";
      case java.nio.file.AccessDeniedException denied -> "permission denied";
      default -> e.getMessage();
    };
  }

  /**
   * Parses {@code key=value} notes: values stay text (a note {@code version=2} is the string {@code
   * "2"}, as Pulp's notes are), and {@code key=} is null, which removes the note.
   */
  static Map<String, Object> notes(List<String> pairs) {
    Map<String, Object> notes = new LinkedHashMap<>();
    for (String pair : pairs == null ? List.<String>of() : pairs) {
      String value = value(pair);
      notes.put(key(pair), value.isEmpty() ? null : value);
    }
    return notes;
  }

  private static String key(String pair) {
    int eq = pair.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("expected key=value, got '" + pair + "'");
    }
    return pair.substring(0, eq);
  }

  private static String value(String pair) {
    return pair.substring(pair.indexOf('=') + 1);
  }

  static Object typed(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.equals("true") || text.equals("false")) {
      return Boolean.parseBoolean(text);
    }
    // Digits with a leading zero stay text: no number is written so, and a key id such as
    // 00112233 would otherwise reach the server as 112233.
    if (text.matches("-?(0|[1-9]\\d{0,17})")) {
      return Long.parseLong(text);
    }
    if (text.startsWith("[") && text.endsWith("]")) {
      // A JSON list (queries=["acme-web","zen"], skip=["erratum"]) is sent as one; other text
      // in brackets stays text.
      try {
        JsonNode list = ApiClient.JSON.readTree(text);
        if (list.isArray()) {
          return ApiClient.JSON.convertValue(list, List.class);
        }
      } catch (JsonProcessingException e) {
        return text;
      }
    }
    return text;
  }

  /** A JSON object given inline or as {@code @file}. */
  static Map<String, Object> jsonObject(String text) {
    if (text == null) {
      return new LinkedHashMap<>();
    }
    String json = text;
    if (text.startsWith("@")) {
      try {
        json = Files.readString(Path.of(text.substring(1)));
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read " + text.substring(1) + ": " + why(e));
      }
    }
    try {
      JsonNode node = ApiClient.JSON.readTree(json);
      if (!node.isObject()) {
        throw new IllegalArgumentException("expected a JSON object, got: " + text);
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = ApiClient.JSON.convertValue(node, LinkedHashMap.class);
      return map;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
    }
  }

  /** A config from {@code --config JSON} merged with {@code --option k=v} and {@code --unset k}. */
  static Map<String, Object> config(String json, List<String> options, List<String> unset) {
    Map<String, Object> config = jsonObject(json);
    config.putAll(pairs(options));
    if (unset != null) {
      unset.forEach(key -> config.put(key, null));
    }
    return config;
  }

  static ParameterException usage(picocli.CommandLine cmd, String message) {
    return new ParameterException(cmd, message);
  }
}
