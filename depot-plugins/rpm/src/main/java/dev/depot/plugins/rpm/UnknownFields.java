package dev.depot.plugins.rpm;

import dev.depot.publish.config.NearestName;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds what an upload's JSON holds that its check left out: a field no unit of the type has, at
 * any depth ({@code severty}, {@code pkglist[0].packages[0].archh}). Checking keeps only the fields
 * it knows, so a misspelt one would otherwise be dropped while the upload said it was added. Not
 * counted: fields named with a leading underscore (Pulp's own, as {@code _id} and {@code _ns} in
 * its exports), the fields of Pulp's erratum model that Depot does not keep, and empty ones.
 */
final class UnknownFields {
  /** Pulp 2's names for what its erratum model holds beside updateinfo's fields: let through. */
  private static final Set<String> PULPS_OWN =
      Set.of(
          "id",
          "errata_id",
          "errata_from",
          "relogin_suggested",
          "restart_suggested",
          "pulp_user_metadata");

  private UnknownFields() {}

  /**
   * Refuses {@code given} when it has a field {@code checked} (what the check made of it) lacks.
   *
   * @throws IllegalArgumentException naming the first such field, with the known one a letter or
   *     two away, else the known ones beside it
   */
  static void refuse(Map<?, ?> given, Map<?, ?> checked) {
    refuse(given, checked, "");
  }

  private static void refuse(Map<?, ?> given, Map<?, ?> checked, String path) {
    for (Map.Entry<?, ?> field : given.entrySet()) {
      String name = String.valueOf(field.getKey());
      Object value = field.getValue();
      if (name.startsWith("_") || value == null || value instanceof String s && s.isBlank()) {
        continue;
      }
      if (path.isEmpty() && PULPS_OWN.contains(name)) {
        continue;
      }
      String named = path.isEmpty() ? name : path + "." + name;
      if (!checked.containsKey(name)) {
        throw new IllegalArgumentException(
            named + " is not a field of this unit" + hint(name, checked));
      }
      Object kept = checked.get(name);
      if (value instanceof Map<?, ?> inner && kept instanceof Map<?, ?> keptInner) {
        refuse(inner, keptInner, named);
      } else if (value instanceof List<?> items && kept instanceof List<?> keptItems) {
        for (int i = 0; i < Math.min(items.size(), keptItems.size()); i++) {
          if (items.get(i) instanceof Map<?, ?> item && keptItems.get(i) instanceof Map<?, ?> k) {
            refuse(item, k, named + "[" + i + "]");
          }
        }
      }
    }
  }

  /**
   * "did you mean" a known field a letter or two away, else the known fields: those the check kept
   * and those it would have taken.
   */
  private static String hint(String name, Map<?, ?> checked) {
    Set<String> names = new LinkedHashSet<>();
    if (checked instanceof Fields.Checked asked) {
      names.addAll(asked.known()); // in the check's order, the optional fields not given too
    }
    checked.keySet().forEach(field -> names.add(String.valueOf(field)));
    List<String> known = List.copyOf(names);
    return NearestName.of(name, known)
        .map(near -> ": did you mean " + near + "?")
        .orElse("; known here: " + String.join(", ", known));
  }
}
