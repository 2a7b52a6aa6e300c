package dev.depot.server.repo;

import dev.depot.server.search.SearchCollection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/** Repositories as the search API sees them: Pulp's repository documents. */
public final class RepositoryCollection implements SearchCollection<RepositoryRecord> {
  private static final Map<String, Column> COLUMNS =
      Map.of(
          "id", new Column("repo_id", Kind.TEXT),
          "display_name", new Column("display_name", Kind.TEXT),
          "description", new Column("description", Kind.TEXT),
          "last_unit_added", new Column("last_unit_added", Kind.TIME),
          "last_unit_removed", new Column("last_unit_removed", Kind.TIME));
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "_id",
          "display_name",
          "description",
          "notes",
          "scratchpad",
          "content_unit_counts",
          "last_unit_added",
          "last_unit_removed",
          "_ns",
          "_href");

  private final Repositories repositories;

  public RepositoryCollection(Repositories repositories) {
    this.repositories = repositories;
  }

  @Override
  public String from() {
    return "repositories";
  }

  @Override
  public String order() {
    return "repo_id";
  }

  @Override
  public Map<String, Column> columns() {
    return COLUMNS;
  }

  @Override
  public Set<String> fields() {
    return FIELDS;
  }

  @Override
  public RepositoryRecord row(ResultSet row) throws SQLException {
    return RepositoryStore.repository(row);
  }

  @Override
  public Map<String, Object> document(RepositoryRecord row) {
    return RepositoryJson.repository(row, repositories.unitCounts(row.id()));
  }

  /** Few rows, and their documents (or expansions) query further. */
  @Override
  public boolean readWhole() {
    return true;
  }
}
