package dev.depot.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --filter FIELD=VALUE} filters of {@code repo units}, {@code unit search} and the like,
 * with the comparisons {@code FIELD>=VALUE}, {@code <=}, {@code >}, {@code <} and {@code !=} as
 * Pulp's {@code $gte}, {@code $lte}, {@code $gt}, {@code $lt} and {@code $ne}: a user asking for
 * the errata issued since a day types {@code issued>=2026-11-01}, which was read as a field named
 * {@code issued>} and found nothing.
 */
final class FieldFilters {
  /** The operators, longest first so that {@code >=} is not read as {@code >}. */
  private static final List<Map.Entry<String, String>> COMPARISONS =
      List.of(
          Map.entry(">=", "$gte"),
          Map.entry("<=", "$lte"),
          Map.entry("!=", "$ne"),
          Map.entry(">", "$gt"),
          Map.entry("<", "$lt"));

  private FieldFilters() {}

  /** Whether {@code text} is a {@code FIELD<operator>VALUE} filter rather than JSON. */
  static boolean isFieldFilter(String text) {
    return operatorAt(text) > 0;
  }

  /** The field a filter names. */
  static String field(String filter) {
    int at = operatorAt(filter);
    if (at <= 0) {
      throw refused(filter);
    }
    return filter.substring(0, at);
  }

  private static IllegalArgumentException refused(String filter) {
    return new IllegalArgumentException(
        "expected FIELD=VALUE (or FIELD>=VALUE, <=, >, <, !=), got '" + filter + "'");
  }

  /**
   * The filters as one unit filter. An equality's value that reads as a number or as true/false
   * matches the field holding it typed or as the text given, since many fields hold numbers as text
   * (an RPM's {@code epoch=0}, a module's {@code stream=20}); a comparison's is sent typed.
   * Comparisons of one field are merged ({@code issued>=A} and {@code issued<B}: between them).
   */
  static Map<String, Object> unitFilter(List<String> filters) {
    Map<String, Object> unit = new LinkedHashMap<>();
    for (String filter : filters == null ? List.<String>of() : filters) {
      String field = field(filter);
      String rest = filter.substring(field.length());
      Map.Entry<String, String> comparison =
          COMPARISONS.stream().filter(c -> rest.startsWith(c.getKey())).findFirst().orElse(null);
      if (comparison == null && !rest.startsWith("=")) {
        throw refused(filter); // a lone '!'
      }
      String text = rest.substring(comparison == null ? 1 : comparison.getKey().length());
      if (comparison == null) {
        Object typed = Options.pairs(List.of(field + "=" + text)).get(field);
        unit.put(
            field,
            typed instanceof Long || typed instanceof Boolean
                ? Map.of("$in", List.of(typed, text))
                : typed);
        continue;
      }
      Object typed = Options.typed(text);
      Map<String, Object> operators = new LinkedHashMap<>();
      if (unit.get(field) instanceof Map<?, ?> earlier) {
        earlier.forEach((k, v) -> operators.put(String.valueOf(k), v));
      }
      operators.put(comparison.getValue(), typed == null ? text : typed);
      unit.put(field, operators);
    }
    return unit;
  }

  /** Where the filter's operator starts: the first {@code =}, {@code <}, {@code >} or {@code !}. */
  private static int operatorAt(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '=' || c == '<' || c == '>' || c == '!') {
        return i;
      }
    }
    return -1;
  }
}
