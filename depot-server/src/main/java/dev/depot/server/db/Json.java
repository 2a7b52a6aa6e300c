package dev.depot.server.db;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** JSON text for the database columns and the API: plain maps and lists in, text out. */
public final class Json {
  /**
   * Buffers from a pool all threads share (at most 100 kept). Jackson's default keeps them per
   * thread, and syncs and requests run on virtual threads, a new one per file or request: each call
   * allocated and zeroed buffers of its own (7 KB of a puppet sync's 177 KB allocated per module).
   */
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
              JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build())
          .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, false);

  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Object>> LIST = new TypeReference<>() {};

  private Json() {}

  /** The shared mapper. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /** Serialises a JSON-able value. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("value is not JSON-serialisable: " + e.getMessage(), e);
    }
  }

  /** Serialises a map with its keys sorted at every level, so equal maps give equal text. */
  public static String writeCanonical(Map<String, Object> value) {
    return write(sorted(value));
  }

  private static Object sorted(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> result = new TreeMap<>();
      map.forEach((k, v) -> result.put(String.valueOf(k), sorted(v)));
      return result;
    }
    if (value instanceof List<?> list) {
      return list.stream().map(Json::sorted).toList();
    }
    return value;
  }

  /** Parses a JSON object; null text gives null. */
  public static Map<String, Object> readMap(String text) {
    if (text == null) {
      return null;
    }
    if (text.equals("{}")) {
      // Most stored metadata is empty: a publish of a million units reads a million of these.
      return new LinkedHashMap<>();
    }
    try {
      return MAPPER.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses any JSON value into maps, lists, strings, numbers, booleans or null. */
  public static Object readValue(String text) {
    try {
      return MAPPER.readValue(text, Object.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }

  /** Parses a JSON list. */
  public static List<Object> readList(String text) {
    try {
      return MAPPER.readValue(text, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is corrupt: " + e.getOriginalMessage(), e);
    }
  }
}
