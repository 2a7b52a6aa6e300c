package dev.depot.server.consumer;

import dev.depot.server.search.SearchCollection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** Consumers as the search API sees them. */
public final class ConsumerCollection implements SearchCollection<ConsumerRecord> {
  private static final Map<String, Column> COLUMNS =
      Map.of(
          "id", new Column("consumer_id", Kind.TEXT),
          "display_name", new Column("display_name", Kind.TEXT),
          "description", new Column("description", Kind.TEXT));
  private static final Set<String> FIELDS =
      Set.of(
          "id",
          "_id",
          "display_name",
          "description",
          "notes",
          "capabilities",
          "rsa_pub",
          "_ns",
          "_href");

  private final Function<ConsumerRecord, Map<String, Object>> json;

  /**
   * @param json the consumer's JSON as the API shows it
   */
  public ConsumerCollection(Function<ConsumerRecord, Map<String, Object>> json) {
    this.json = json;
  }

  @Override
  public String from() {
    return "consumers";
  }

  @Override
  public String order() {
    return "consumer_id";
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
  public ConsumerRecord row(ResultSet row) throws SQLException {
    return Consumers.consumer(row);
  }

  @Override
  public Map<String, Object> document(ConsumerRecord row) {
    return json.apply(row);
  }

  /** Few rows, and their documents (or expansions) query further. */
  @Override
  public boolean readWhole() {
    return true;
  }
}
