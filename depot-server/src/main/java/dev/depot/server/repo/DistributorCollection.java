package dev.depot.server.repo;

import dev.depot.server.search.SearchCollection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/** Every repository's distributors, Pulp's {@code /distributors/search/} collection. */
public final class DistributorCollection implements SearchCollection<DistributorRecord> {
  private static final Map<String, Column> COLUMNS =
      Map.of(
          "id", new Column("distributor_id", Kind.TEXT),
          "repo_id", new Column("repo_id", Kind.TEXT),
          "distributor_type_id", new Column("distributor_type_id", Kind.TEXT),
          "auto_publish", new Column("auto_publish", Kind.BOOLEAN),
          "last_publish", new Column("last_publish", Kind.TIME),
          "last_updated", new Column("last_updated", Kind.TIME));
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "_id",
          "repo_id",
          "distributor_type_id",
          "config",
          "auto_publish",
          "last_publish",
          "last_updated",
          "last_override_config",
          "scratchpad",
          "published_locations",
          "_ns",
          "_href");

  @Override
  public String from() {
    return "repo_distributors";
  }

  @Override
  public String order() {
    return "repo_id, seq";
  }

  @Override
  public Map<String, Column> columns() {
    return COLUMNS;
  }

  @Override
  public Set<String> fields() {
    return FIELDS;
  }

  /** A distributor belongs to a repository: its {@code repo_id} stays with {@code fields}. */
  @Override
  public Set<String> alwaysReturned() {
    return Set.of("repo_id");
  }

  @Override
  public DistributorRecord row(ResultSet row) throws SQLException {
    return RepositoryStore.distributor(row);
  }

  @Override
  public Map<String, Object> document(DistributorRecord row) {
    return RepositoryJson.distributor(row);
  }
}
