package dev.depot.publish.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MissingUnitsTest {
  @TempDir Path store;

  @Test
  void unitsTheFeedNoLongerListsLeaveTheRepositoryButStayStored() throws Exception {
    MemorySyncConduit conduit = new MemorySyncConduit(store);
    for (String name : new String[] {"a.iso", "b.iso", "c.iso"}) {
      Path file = Files.createDirectories(store.resolve("iso")).resolve(name);
      Files.writeString(file, name);
      conduit.saveUnit(conduit.initUnit("iso", Map.of("name", name), Map.of(), name));
    }
    Set<String> listed = Set.of("b.iso");

    long removed =
        MissingUnits.remove(conduit, "iso", u -> listed.contains((String) u.unitKey().get("name")));

    assertThat(removed).isEqualTo(2);
    assertThat(conduit.repository.keySet()).containsExactly(Map.of("name", "b.iso"));
    assertThat(store.resolve("iso/a.iso")).exists();
  }
}
