package dev.depot.server.example;

import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Profiler;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.UnitSource;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The example types' profiler: a consumer's {@code note} profile lists the titles it has read, and
 * every note of a bound repository it has not read applies to it.
 */
public final class NoteProfiler implements Profiler {
  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("note_profiler", "Note Profiler", List.of("note"));
  }

  @Override
  public Object checkProfile(String contentType, Object profile) {
    if (!(profile instanceof List<?> titles)
        || !titles.stream().allMatch(String.class::isInstance)) {
      throw new IllegalArgumentException("a note profile is a list of titles");
    }
    return List.copyOf(titles);
  }

  @Override
  public Map<String, List<Unit>> applicable(
      String contentType, Object profile, UnitSource repository) {
    List<?> read = (List<?>) profile;
    try (Stream<Unit> notes = repository.units(UnitCriteria.ofTypes("note"))) {
      return Map.of("note", notes.filter(n -> !read.contains(n.unitKey().get("title"))).toList());
    }
  }
}
