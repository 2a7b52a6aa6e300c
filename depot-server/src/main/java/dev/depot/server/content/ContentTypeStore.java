package dev.depot.server.content;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import org.jdbi.v3.core.Handle;

/**
 * The content types the loaded plugins declare, written at start-up so units can reference them and
 * so the database says which types its units are.
 */
public final class ContentTypeStore {

  /** Inserts the type, or rewrites its description if a plugin upgrade changed it. */
  public void register(Handle h, ContentTypeDefinition type) {
    int updated =
        h.createUpdate(
                "UPDATE content_types SET display_name = :name, description = :description,"
                    + " unit_key = :key, search_indexes = :indexes, unique_in_repository = :unique"
                    + " WHERE id = :id")
            .bind("id", type.id())
            .bind("name", type.displayName())
            .bind("description", type.description())
            .bind("key", Json.write(type.unitKey()))
            .bind("indexes", Json.write(type.searchIndexes()))
            .bind("unique", Json.write(type.uniqueInRepository()))
            .execute();
    if (updated == 0) {
      h.createUpdate(
              "INSERT INTO content_types (id, oid, display_name, description, unit_key,"
                  + " search_indexes, unique_in_repository)"
                  + " VALUES (:id, :oid, :name, :description, :key, :indexes, :unique)")
          .bind("id", type.id())
          .bind("oid", ObjectIds.next())
          .bind("name", type.displayName())
          .bind("description", type.description())
          .bind("key", Json.write(type.unitKey()))
          .bind("indexes", Json.write(type.searchIndexes()))
          .bind("unique", Json.write(type.uniqueInRepository()))
          .execute();
    }
  }
}
