package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import java.util.List;
import java.util.Map;

/**
 * Typed reads of request fields; a wrong type is a 400 naming the field (PLP1010), a number out of
 * range too (PLP0015).
 */
final class JsonFields {
  private JsonFields() {}

  static String optionalString(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value instanceof String text && text.length() > JsonCaps.LONGEST_TEXT) {
      throw InvalidValue.of(
          field + " is " + text.length() + " characters long; at most " + JsonCaps.LONGEST_TEXT,
          field);
    }
    if (value == null || value instanceof String) {
      return (String) value;
    }
    throw wrongType(field, "a string", value);
  }

  /** A notes object, within {@link JsonCaps#NOTES}. */
  static Map<String, Object> notes(Map<String, Object> body, String field) {
    Map<String, Object> notes = optionalObject(body, field);
    JsonCaps.NOTES.check(field, notes);
    return notes;
  }

  /** A plugin config (or override config), within {@link JsonCaps#CONFIG}. */
  static Map<String, Object> config(Map<String, Object> body, String field) {
    Map<String, Object> config = optionalObject(body, field);
    JsonCaps.CONFIG.check(field, config);
    return config;
  }

  static String requiredString(Map<String, Object> body, String field) {
    String value = optionalString(body, field);
    if (value == null) {
      throw InvalidValue.missing(field);
    }
    return value;
  }

  static Boolean optionalBoolean(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null || value instanceof Boolean) {
      return (Boolean) value;
    }
    throw wrongType(field, "true or false", value);
  }

  /** A whole number of at least {@code min}, or null when absent. */
  static Long optionalWholeNumber(Map<String, Object> body, String field, long min) {
    return optionalWholeNumber(body, field, min, "a whole number of at least " + min);
  }

  /**
   * A whole number of at least {@code min}, or null when absent; else a 400 saying it must be
   * {@code accepted}.
   */
  static Long optionalWholeNumber(
      Map<String, Object> body, String field, long min, String accepted) {
    Object value = body.get(field);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      long n = ((Number) value).longValue();
      if (n >= min) {
        return n;
      }
    }
    throw notAccepted(field, accepted, value);
  }

  /**
   * The refusal of a value that is not {@code accepted}. A number is quoted, since "must be at
   * least 1, not a number" said of 0 reads as if 0 were not a number: a whole one out of range is
   * an invalid value (PLP0015), any other a wrong type (PLP1010). Other values are only typed (a
   * string may be long, or a secret).
   */
  static InvalidValue notAccepted(String field, String accepted, Object value) {
    String refusal = "Field " + field + " must be " + accepted + ", not ";
    return switch (value) {
      case Integer n -> InvalidValue.of(refusal + n, field);
      case Long n -> InvalidValue.of(refusal + n, field);
      case java.math.BigInteger n -> InvalidValue.of(refusal + n, field);
      case Number n -> InvalidValue.coded("PLP1010", refusal + n, field);
      default -> wrongType(field, accepted, value);
    };
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> optionalObject(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null || value instanceof Map<?, ?>) {
      return (Map<String, Object>) value;
    }
    throw wrongType(field, "a JSON object", value);
  }

  static List<?> optionalList(Map<String, Object> body, String field) {
    Object value = body.get(field);
    if (value == null || value instanceof List<?>) {
      return (List<?>) value;
    }
    throw wrongType(field, "a JSON list", value);
  }

  static InvalidValue wrongType(String field, String expected, Object value) {
    return InvalidValue.coded(
        "PLP1010", "Field " + field + " must be " + expected + ", not " + typeName(value), field);
  }

  static String typeName(Object value) {
    return switch (value) {
      case null -> "null";
      case String s -> "a string";
      case Boolean b -> "a boolean";
      case Number n -> "a number";
      case List<?> l -> "a list";
      case Map<?, ?> m -> "an object";
      default -> value.getClass().getSimpleName();
    };
  }
}
