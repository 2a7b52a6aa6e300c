package dev.depot.plugins.rpm;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Set;

/**
 * How a synced erratum merges into the one Depot holds under its id, as Pulp 2 merged them. An
 * erratum its source amended (a later {@code updated} date, or {@code issued} where it has none)
 * takes the source's fields. The package lists are joined either way: one advisory synced from the
 * repositories of two architectures lists the packages of both, and a package an amendment dropped
 * stays listed. That costs nothing where it is not held, since a publish lists only the packages
 * its repository holds.
 */
final class ErratumMerge {
  private static final List<String> NEVRA = List.of("name", "epoch", "version", "release", "arch");

  private ErratumMerge() {}

  /**
   * The metadata to keep: {@code stored} itself when {@code synced} adds nothing to it, so that a
   * caller can tell with {@code ==} that there is nothing to merge.
   */
  static Map<String, Object> merge(Map<String, Object> stored, Map<String, Object> synced) {
    boolean amended = amends(synced, stored);
    Map<String, Object> base = amended ? synced : stored;
    Map<String, Object> other = amended ? stored : synced;
    List<Object> pkglist = joined(list(base.get("pkglist")), list(other.get("pkglist")));
    if (!amended && pkglist.equals(list(stored.get("pkglist")))) {
      return stored;
    }
    Map<String, Object> merged = new LinkedHashMap<>(base);
    merged.put("pkglist", pkglist);
    return merged;
  }

  /** Whether merging {@code synced} into {@code stored} changes it. */
  static boolean changes(Map<String, Object> stored, Map<String, Object> synced) {
    return merge(stored, synced) != stored;
  }

  /** Whether {@code synced} is a later edition of the advisory than {@code stored}. */
  static boolean amends(Map<String, Object> synced, Map<String, Object> stored) {
    OptionalLong syncedDate = edition(synced);
    OptionalLong storedDate = edition(stored);
    if (syncedDate.isEmpty()) {
      return false;
    }
    return storedDate.isEmpty() || syncedDate.getAsLong() > storedDate.getAsLong();
  }

  /** Seconds since 1970 of the erratum's {@code updated} date, or of {@code issued}. */
  private static OptionalLong edition(Map<String, Object> erratum) {
    OptionalLong updated = seconds(erratum.get("updated"));
    return updated.isPresent() ? updated : seconds(erratum.get("issued"));
  }

  /** A date as ErratumFields takes them (UTC where no zone is named), or none. */
  static OptionalLong seconds(Object value) {
    if (!(value instanceof String text) || text.isBlank()) {
      return OptionalLong.empty();
    }
    String date = text.strip();
    if (date.endsWith(" UTC")) {
      date = date.substring(0, date.length() - 4);
    }
    try {
      if (date.matches("\\d{1,12}")) {
        return OptionalLong.of(Long.parseLong(date));
      }
      if (date.length() == 10) {
        return OptionalLong.of(LocalDate.parse(date).toEpochDay() * 86_400);
      }
      String iso = date.replace(' ', 'T') + (date.length() == 16 ? ":00" : "");
      return OptionalLong.of(LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      return OptionalLong.empty();
    }
  }

  /**
   * {@code base}'s collections with the packages of {@code other} they lack: into the collection of
   * the same name and module, or as a collection of their own.
   */
  private static List<Object> joined(List<Object> base, List<Object> other) {
    List<Object> collections = new ArrayList<>();
    for (Object c : base) {
      collections.add(c instanceof Map<?, ?> m ? new LinkedHashMap<>(strings(m)) : c);
    }
    for (Object o : other) {
      if (!(o instanceof Map<?, ?> from)) {
        continue;
      }
      Map<String, Object> into = sameCollection(collections, from);
      if (into == null) {
        // A copy: a later collection of the same name and module grows this one, never the input.
        collections.add(new LinkedHashMap<>(strings(from)));
        continue;
      }
      List<Object> packages = new ArrayList<>(list(into.get("packages")));
      Set<List<Object>> listed = new HashSet<>();
      packages.forEach(p -> listed.add(nevra(p)));
      boolean grew = false;
      for (Object p : list(from.get("packages"))) {
        if (listed.add(nevra(p))) {
          packages.add(p);
          grew = true;
        }
      }
      if (grew) {
        into.put("packages", packages);
      }
    }
    return collections;
  }

  private static Map<String, Object> sameCollection(List<Object> collections, Map<?, ?> other) {
    for (Object c : collections) {
      if (c instanceof Map<?, ?> m
          && Objects.equals(m.get("name"), other.get("name"))
          && Objects.equals(m.get("module"), other.get("module"))) {
        @SuppressWarnings("unchecked")
        Map<String, Object> copy = (Map<String, Object>) m;
        return copy;
      }
    }
    return null;
  }

  private static List<Object> nevra(Object pkg) {
    List<Object> id = new ArrayList<>();
    if (pkg instanceof Map<?, ?> p) {
      for (String field : NEVRA) {
        id.add(String.valueOf(p.get(field)));
      }
    }
    return id;
  }

  private static Map<String, Object> strings(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((k, v) -> copy.put(String.valueOf(k), v));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of();
  }
}
