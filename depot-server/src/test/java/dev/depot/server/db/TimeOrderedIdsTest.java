package dev.depot.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {
  @Test
  void idsAreVersion7UuidsThatIncreaseAsTextAndCarryTheTime() {
    long before = Instant.now().toEpochMilli();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) { // more than 4096 in a millisecond, surely
      ids.add(TimeOrderedIds.next());
    }

    for (int i = 1; i < ids.size(); i++) {
      assertThat(ids.get(i)).isGreaterThan(ids.get(i - 1));
    }
    UUID first = UUID.fromString(ids.get(0));
    assertThat(first.version()).isEqualTo(7);
    assertThat(first.variant()).isEqualTo(2);
    assertThat(ids.get(0)).hasSize(36).isEqualTo(first.toString());
    assertThat(first.getMostSignificantBits() >>> 16).isBetween(before, before + 60_000);
  }

  @Test
  void idsStayUniqueAcrossThreads() throws Exception {
    List<String> all = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int i = 0; i < 5_000; i++) {
                      all.add(TimeOrderedIds.next());
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(all).hasSize(20_000).doesNotHaveDuplicates();
  }
}
