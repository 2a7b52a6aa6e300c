package dev.depot.server.content;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryStore;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/** What the content tests start from: the {@code iso} type and some empty repositories. */
final class IsoFixture {
  private IsoFixture() {}

  /** Registers the {@code iso} type and creates a repository for each id. */
  static void create(Jdbi jdbi, String... repoIds) {
    jdbi.useTransaction(
        h -> {
          new ContentTypeStore()
              .register(
                  h,
                  new ContentTypeDefinition(
                      "iso", "ISO", "files", List.of("name", "checksum", "size"), null));
          for (String id : repoIds) {
            new RepositoryStore()
                .insert(
                    h,
                    new RepositoryRecord(
                        id, ObjectIds.next(), id, null, Map.of(), Map.of(), null, null),
                    Timestamps.now());
          }
        });
  }
}
