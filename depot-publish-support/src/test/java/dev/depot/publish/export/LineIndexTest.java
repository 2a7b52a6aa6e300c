package dev.depot.publish.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Unit;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineIndexTest {
  @TempDir Path dir;

  private static Unit unit(String name) {
    return new Unit("id-" + name, "note", Map.of("name", name), Map.of(), null);
  }

  @Test
  void writesALinePerUnitInTheOrderTheyCome() throws Exception {
    try (LineIndex index = LineIndex.whenAny(dir, "NOTES", u -> (String) u.unitKey().get("name"))) {
      index.add(unit("b"), List.of());
      index.add(unit("a"), List.of());
      assertThat(index.finish()).containsExactly("NOTES");
    }
    assertThat(dir.resolve("NOTES")).hasContent("b\na");
  }

  @Test
  void whenAnyWritesNoFileWithoutUnitsAndAlwaysWritesAnEmptyOne() throws Exception {
    try (LineIndex index = LineIndex.whenAny(dir, "NONE", u -> "x")) {
      assertThat(index.finish()).isEmpty();
    }
    assertThat(dir.resolve("NONE")).doesNotExist();
    try (LineIndex index = LineIndex.always(dir, "EMPTY", u -> "x")) {
      assertThat(index.finish()).containsExactly("EMPTY");
    }
    assertThat(dir.resolve("EMPTY")).isEmptyFile();
  }
}
