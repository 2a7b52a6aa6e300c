package dev.depot.cli;

import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The {@link BindingHandler}s on the class path, by distributor type id. */
final class BindingHandlers {
  private static final Map<String, BindingHandler> BY_TYPE = load();

  private BindingHandlers() {}

  private static Map<String, BindingHandler> load() {
    Map<String, BindingHandler> byType = new TreeMap<>();
    for (BindingHandler handler :
        ServiceLoader.load(BindingHandler.class, BindingHandler.class.getClassLoader())) {
      if (byType.putIfAbsent(handler.distributorTypeId(), handler) != null) {
        throw new IllegalStateException(
            "two consumer binding handlers for " + handler.distributorTypeId());
      }
    }
    return Map.copyOf(byType);
  }

  /** The handler of a distributor type's bindings, if one is installed. */
  static Optional<BindingHandler> forType(String distributorTypeId) {
    return Optional.ofNullable(BY_TYPE.get(distributorTypeId));
  }

  /** The types with a handler, for messages: {@code a, b}. */
  static String known() {
    return String.join(", ", new TreeMap<>(BY_TYPE).keySet());
  }
}
