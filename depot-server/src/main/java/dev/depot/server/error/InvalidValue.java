package dev.depot.server.error;

import java.util.List;
import java.util.Map;

/**
 * Input the server refuses: 400. PLP0015 names the properties at fault; a more specific Pulp code
 * (PLP1009 bad JSON, PLP1015 wrong JSON type, PLP1003 bad id, PLP1008 unknown importer type,
 * PLP0016 missing value) can be given.
 */
public final class InvalidValue extends DepotException {
  private static final long serialVersionUID = 1L;

  private final List<String> properties;
  private final List<DepotException> children;

  private InvalidValue(String code, String message, List<String> properties) {
    this(code, message, properties, List.of());
  }

  private InvalidValue(
      String code, String message, List<String> properties, List<DepotException> children) {
    super(400, code, message, null);
    this.properties = List.copyOf(properties);
    this.children = List.copyOf(children);
  }

  /**
   * An invalid property whose sub-error says which part of it is wrong, as Pulp wraps criteria
   * errors ({@code InvalidValue('criteria')} with the parser's error as child).
   */
  public static InvalidValue wrapping(String property, InvalidValue child) {
    return new InvalidValue(
        "PLP0015",
        "Invalid properties: ['" + property + "']: " + child.getMessage(),
        List.of(property),
        List.of(child));
  }

  @Override
  public List<DepotException> subErrors() {
    return children;
  }

  /** Invalid properties, PLP0015; the message says what is wrong with them. */
  public static InvalidValue of(String message, String... properties) {
    return new InvalidValue("PLP0015", message, List.of(properties));
  }

  /** A required property that is absent, PLP0016. */
  public static InvalidValue missing(String property) {
    return new InvalidValue("PLP0016", "Missing required property: " + property, List.of(property));
  }

  /** A refusal with a specific Pulp code. */
  public static InvalidValue coded(String code, String message, String... properties) {
    return new InvalidValue(code, message, List.of(properties));
  }

  /** The properties at fault. */
  public List<String> properties() {
    return properties;
  }

  @Override
  public Map<String, Object> data() {
    return Map.of("property_names", properties);
  }

  @Override
  public Map<String, Object> topLevel() {
    return code().equals("PLP0016")
        ? Map.of("missing_property_names", properties)
        : Map.of("property_names", properties);
  }
}
