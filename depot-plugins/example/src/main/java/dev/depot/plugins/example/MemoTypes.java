package dev.depot.plugins.example;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import java.util.List;

/** Declares the {@code memo} type. Listed in {@code META-INF/services}. */
// tag::content-type[]
public final class MemoTypes implements ContentTypes {
  /** The unit type id. */
  public static final String MEMO = "memo";

  @Override
  public List<ContentTypeDefinition> definitions() {
    return List.of(
        new ContentTypeDefinition(
            MEMO,
            "Memo",
            "A small text file, identified by its name and SHA-256",
            List.of("name", "sha256"), // the unit key: same name and bytes, same unit
            List.of("name"), // searched on
            List.of("name"))); // one memo per name in a repository: a new version replaces it
  }
}
// end::content-type[]
