package dev.depot.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** IN lists come out at most 100 long, every value once, in order. */
class InListsTest {
  @Test
  void splitsIntoListsOfAtMostTheMaximumKeepingEveryValueInOrder() {
    List<Integer> values = IntStream.range(0, 250).boxed().toList();

    List<List<Integer>> lists = InLists.split(values);

    assertThat(lists).extracting(List::size).containsExactly(100, 100, 50);
    assertThat(lists.stream().flatMap(List::stream).toList()).isEqualTo(values);
    assertThat(InLists.split(List.of())).isEmpty();
    assertThat(InLists.split(values.subList(0, 100))).hasSize(1);
  }
}
