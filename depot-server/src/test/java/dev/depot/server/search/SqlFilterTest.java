package dev.depot.server.search;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.server.db.Json;
import dev.depot.server.search.SearchCollection.Column;
import dev.depot.server.search.SearchCollection.Kind;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqlFilterTest {
  private static final Map<String, Column> COLUMNS =
      Map.of(
          "id", new Column("repo_id", Kind.TEXT),
          "size", new Column("size", Kind.NUMBER),
          "on", new Column("auto_publish", Kind.BOOLEAN),
          "when", new Column("created", Kind.TIME),
          "tags", new Column("EXISTS (tag = %s)", Kind.ELEMENT));

  private static SqlFilter translate(String json, StringBuilder sql) {
    SqlFilter filter = new SqlFilter(COLUMNS);
    @SuppressWarnings("unchecked")
    Map<String, Object> query = (Map<String, Object>) Json.readValue(json);
    sql.append(filter.where(query));
    return filter;
  }

  @Test
  void columnsOfTheRightKindTranslateExactly() {
    StringBuilder sql = new StringBuilder();
    SqlFilter filter =
        translate(
            """
            {"id": {"$in": ["a", "b"], "$ne": "c"}, "size": {"$gt": 3}, "on": true,
             "tags": {"$all": ["x", "y"]}}
            """,
            sql);

    assertThat(filter.exact()).isTrue();
    assertThat(sql.toString())
        .contains("repo_id IN (:f0, :f1)")
        .contains("(repo_id IS NULL OR repo_id <> :f2)")
        .contains("size > :f3")
        .contains("auto_publish = :f4")
        .contains("(EXISTS (tag = :f5) AND EXISTS (tag = :f6))");
  }

  @Test
  void aTimeBoundCoversItsWholeSecond() {
    StringBuilder sql = new StringBuilder();
    SqlFilter filter = translate("{\"when\": {\"$lte\": \"2026-01-02T03:04:05Z\"}}", sql);

    assertThat(filter.exact()).isTrue();
    assertThat(sql.toString()).isEqualTo("created < :f0");
  }

  @Test
  void whatSqlCannotAnswerWidensTheFilterAndIsLeftToJava() {
    StringBuilder regex = new StringBuilder();
    StringBuilder or = new StringBuilder();
    StringBuilder text = new StringBuilder();

    assertThat(translate("{\"id\": {\"$regex\": \"^a\"}, \"size\": 1}", regex).exact()).isFalse();
    assertThat(regex.toString()).isEqualTo("size = :f0");
    assertThat(translate("{\"$or\": [{\"id\": \"a\"}, {\"notes.x\": 1}]}", or).exact()).isFalse();
    assertThat(or.toString()).isEqualTo("null");
    assertThat(translate("{\"id\": {\"$gt\": \"m\"}, \"size\": \"3\"}", text).exact()).isFalse();
  }
}
