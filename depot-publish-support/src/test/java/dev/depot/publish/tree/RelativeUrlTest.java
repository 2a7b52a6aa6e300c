package dev.depot.publish.tree;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelativeUrlTest {

  @Test
  void parseStripsATrailingSlash() {
    assertThat(RelativeUrl.parse("el9/x86_64/").path()).isEqualTo("el9/x86_64");
    assertThat(RelativeUrl.parse("zoo").path()).isEqualTo("zoo");
  }

  @Test
  void acceptsUnreservedCharactersAndNestedSegments() {
    assertThat(RelativeUrl.parse("Fedora-40/x86_64/os.iso~1").path())
        .isEqualTo("Fedora-40/x86_64/os.iso~1");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "/", "/abs", "a/../b", "..", "../up", "a/..", "./a", "a//b", "a\\b", "a b"})
  void refusesPathsThatAreEmptyAbsoluteOrCouldEscape(String bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RelativeUrl.parse(bad))
        .withMessageStartingWith("relative_url");
  }

  @ParameterizedTest
  @ValueSource(strings = {"a?b", "a#b", "a%2e", "caf\u00e9", "a:b", "a*"})
  void refusesCharactersOutsideTheUnreservedSet(String bad) {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> RelativeUrl.parse(bad))
        .withMessageContaining("may only hold");
  }

  @Test
  void refusesNull() {
    assertThatIllegalArgumentException().isThrownBy(() -> RelativeUrl.parse(null));
  }

  @Test
  void theCompactConstructorChecksToo() {
    assertThatIllegalArgumentException().isThrownBy(() -> new RelativeUrl("a/"));
    assertThatIllegalArgumentException().isThrownBy(() -> new RelativeUrl("../x"));
  }

  @Test
  void overlapsWhenEqualOrNestedAtASegmentBoundary() {
    RelativeUrl el9 = RelativeUrl.parse("el9");

    assertThat(el9.overlaps(RelativeUrl.parse("el9/"))).isTrue();
    assertThat(el9.overlaps(RelativeUrl.parse("el9/x86_64"))).isTrue();
    assertThat(RelativeUrl.parse("el9/x86_64").overlaps(el9)).isTrue();
    assertThat(el9.overlaps(RelativeUrl.parse("el9-beta"))).isFalse();
    assertThat(el9.overlaps(RelativeUrl.parse("el"))).isFalse();
  }
}
