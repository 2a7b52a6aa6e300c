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
  void aWholeNumberIsItsTextAsAClientTypingDigitsMeantIt() {
    assertThat(TextList.of(12345678L, "key ids")).containsExactly("12345678");
    assertThat(TextList.of(List.of("a", 7), "queries")).containsExactly("a", "7");
  }

  @Test
  void anythingElseIsRefusedSayingWhatWasExpected() {
    assertThatThrownBy(() -> TextList.of(1.5, "key ids")).hasMessage("must be a list of key ids");
    assertThatThrownBy(() -> TextList.of(true, "key ids")).hasMessage("must be a list of key ids");
    assertThatThrownBy(() -> TextList.of(List.of("a", List.of("b")), "key ids"))
        .hasMessage("must be a list of key ids");
    assertThatThrownBy(() -> TextList.of(java.util.Map.of("a", "b"), "key ids"))
        .hasMessage("must be a list of key ids");
  }
}
