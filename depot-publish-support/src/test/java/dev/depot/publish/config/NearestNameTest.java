package dev.depot.publish.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class NearestNameTest {
  @Test
  void aNameTwoEditsOffIsTakenForTheClosestKnownOne() {
    List<String> known = List.of("data-dir", "database-url", "port");

    assertThat(NearestName.of("databse_url", known)).contains("database-url");
    assertThat(NearestName.of("prot", known)).contains("port");
  }

  @Test
  void theClosestWinsOverTheFirstWithinReach() {
    assertThat(NearestName.of("ports", List.of("post", "port"))).contains("port");
  }

  @Test
  void nothingIsGuessedForANameFurtherOff() {
    assertThat(NearestName.of("listen", List.of("bind", "port"))).isEmpty();
  }
}
