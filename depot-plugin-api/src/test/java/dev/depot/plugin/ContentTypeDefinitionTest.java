package dev.depot.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ContentTypeDefinitionTest {
  @Test
  void fieldsUniqueInARepositoryMustBeUnitKeyFields() {
    assertThatThrownBy(
            () ->
                new ContentTypeDefinition(
                    "iso", "ISO", "", List.of("name", "checksum"), List.of(), List.of("size")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("uniqueInRepository");
  }

  @Test
  void aTypeDeclaredWithoutUniqueFieldsLetsUnitsShareAnyValue() {
    ContentTypeDefinition type =
        new ContentTypeDefinition("rpm", "RPM", "", List.of("name", "version"), List.of());

    assertThat(type.uniqueInRepository()).isEmpty();
  }
}
