package dev.depot.publish.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextListTest {
  @Test
  void aListOrCommaSeparatedTextGivesTrimmedItemsOnceInOrder() {
    assertThat(TextList.of(" srpm ,, erratum,srpm", "types")).containsExactly("srpm", "erratum");
    assertThat(TextList.of(List.of("b", " a ", ""), "types")).containsExactly("b", "a");
    assertThat(TextList.of(null, "types")).isEmpty();
  }

  @Test
  void anythingElseIsRefusedSayingWhatWasExpected() {
    assertThatThrownBy(() -> TextList.of(5, "key ids")).hasMessage("must be a list of key ids");
    assertThatThrownBy(() -> TextList.of(List.of("a", 7), "key ids"))
        .hasMessage("must be a list of key ids");
  }
}
