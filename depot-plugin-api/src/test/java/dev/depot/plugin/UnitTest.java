package dev.depot.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UnitTest {
  @Test
  void fieldsKeepThePluginsOrderSoUsersSeeThemTheSameOnEveryRun() {
    Map<String, Object> key = new LinkedHashMap<>();
    for (String field : new String[] {"name", "checksum", "size", "a", "z", "m"}) {
      key.put(field, field.length());
    }
    Unit unit = new Unit(null, "iso", key, key, null);

    assertThat(unit.unitKey().keySet()).containsExactly("name", "checksum", "size", "a", "z", "m");
    assertThat(unit.metadata().keySet()).containsExactly("name", "checksum", "size", "a", "z", "m");
    assertThat(unit.withId("1").unitKey().keySet()).containsExactlyElementsOf(key.keySet());
  }

  @Test
  void theMapsAreCopiesThatNobodyChanges() {
    Map<String, Object> key = new HashMap<>(Map.of("name", "a.iso"));
    Unit unit = new Unit(null, "iso", key, Map.of(), null);
    key.put("name", "b.iso");

    assertThat(unit.unitKey()).containsEntry("name", "a.iso");
    assertThatThrownBy(() -> unit.unitKey().put("size", 1))
        .isInstanceOf(UnsupportedOperationException.class);
    Map<String, Object> withNull = new HashMap<>();
    withNull.put("name", null);
    assertThatThrownBy(() -> new Unit(null, "iso", withNull, Map.of(), null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("name");
  }
}
