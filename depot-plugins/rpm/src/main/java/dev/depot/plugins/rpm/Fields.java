package dev.depot.plugins.rpm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reading a JSON document's fields with errors that name them ({@code pkglist[0].packages[1].arch
 * is missing}), for the metadata units uploaded as JSON.
 */
final class Fields {
  private final Map<String, Object> source;
  private final String path;
  private final Checked out = new Checked();

  /**
   * One level's checked fields, which also knows every field its check asked for, present or not:
   * what {@link UnknownFields} names beside a field no unit has ({@code severty}: did you mean
   * {@code severity}, though none was given?).
   */
  static final class Checked extends LinkedHashMap<String, Object> {
    private static final long serialVersionUID = 1L;
    private final LinkedHashSet<String> known = new LinkedHashSet<>();

    /** The fields the check asked for, in its order. */
    Set<String> known() {
      return known;
    }
  }

  Fields(Map<?, ?> source, String path) {
    Map<String, Object> copy = new LinkedHashMap<>();
    source.forEach((k, v) -> copy.put(String.valueOf(k), v));
    this.source = copy;
    this.path = path;
  }

  /** The checked fields so far. */
  Map<String, Object> result() {
    return out;
  }

  private String name(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  /** A text field; required ones must be there and not blank. */
  String text(String field, boolean required) {
    Object value = get(field);
    if (value == null || value instanceof String s && s.isBlank() && !required) {
      if (required) {
        throw new IllegalArgumentException(name(field) + " is missing");
      }
      return null;
    }
    if (!(value instanceof String) && !(value instanceof Number) && !(value instanceof Boolean)) {
      throw new IllegalArgumentException(name(field) + " must be text");
    }
    String text = String.valueOf(value);
    if (required && text.isBlank()) {
      throw new IllegalArgumentException(name(field) + " is empty");
    }
    out.put(field, text);
    return text;
  }

  /** A boolean; {@code "true"}/{@code "false"} (any case) and Pulp's {@code "True"} taken too. */
  void bool(String field, boolean fallback) {
    Object value = get(field);
    if (value == null) {
      out.put(field, fallback);
    } else if (value instanceof Boolean b) {
      out.put(field, b);
    } else if (value instanceof String s
        && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      out.put(field, Boolean.parseBoolean(s));
    } else {
      throw new IllegalArgumentException(name(field) + " must be true or false");
    }
  }

  /** A whole number, or null. */
  void number(String field) {
    Object value = get(field);
    if (value == null) {
      return;
    }
    try {
      out.put(field, value instanceof Number n ? n.longValue() : Long.parseLong((String) value));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(name(field) + " must be a whole number");
    }
  }

  /** A list of texts (empty when absent). */
  List<String> texts(String field) {
    List<String> list = new ArrayList<>();
    for (Object item : list(field)) {
      if (!(item instanceof String s) || s.isBlank()) {
        throw new IllegalArgumentException(name(field) + " must be a list of names");
      }
      list.add(s);
    }
    out.put(field, list);
    return list;
  }

  /** A map of language to text (empty when absent). */
  void translations(String field) {
    Object value = get(field);
    Map<String, String> map = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> m) {
      for (Map.Entry<?, ?> e : m.entrySet()) {
        // Written as xml:lang="..." by the publish: a language tag, and text for it.
        String lang = String.valueOf(e.getKey());
        if (!lang.matches("[A-Za-z0-9_@.\\-]+") || !(e.getValue() instanceof String text)) {
          throw new IllegalArgumentException(
              name(field) + "." + lang + " must be text under a language code");
        }
        map.put(lang, text);
      }
    } else if (value != null) {
      throw new IllegalArgumentException(name(field) + " must map languages to text");
    }
    out.put(field, map);
  }

  /** A list of objects, each checked by {@code each} under {@code field[i]}. */
  List<Map<String, Object>> objects(String field, java.util.function.Consumer<Fields> each) {
    List<Map<String, Object>> checked = new ArrayList<>();
    List<?> items = list(field);
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> m)) {
        throw new IllegalArgumentException(name(field) + "[" + i + "] must be an object");
      }
      Fields item = new Fields(m, name(field) + "[" + i + "]");
      each.accept(item);
      checked.add(item.result());
    }
    out.put(field, checked);
    return checked;
  }

  /** An object checked by {@code each} under {@code field}, or null when absent. */
  Map<String, Object> object(String field, java.util.function.Consumer<Fields> each) {
    Object value = get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(name(field) + " must be an object");
    }
    Fields inner = new Fields(m, name(field));
    each.accept(inner);
    out.put(field, inner.result());
    return inner.result();
  }

  /** Copies a field as it is (already checked by the caller). */
  void put(String field, Object value) {
    out.known.add(field);
    out.put(field, value);
  }

  /** The raw value of a field. */
  Object raw(String field) {
    return get(field);
  }

  /** A field's value, noting that the check knows the field. */
  private Object get(String field) {
    out.known.add(field);
    return source.get(field);
  }

  /** The field's path, for the caller's own messages. */
  String named(String field) {
    return name(field);
  }

  private List<?> list(String field) {
    Object value = get(field);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException(name(field) + " must be a list");
    }
    return list;
  }
}
