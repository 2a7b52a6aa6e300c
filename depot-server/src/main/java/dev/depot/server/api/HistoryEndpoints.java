package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.history.History;
import dev.depot.server.history.HistoryJson;
import dev.depot.server.history.HistoryQuery;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryDistributors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code /repositories/<id>/history/sync/} and {@code /history/publish/<distributor>/}. */
final class HistoryEndpoints {
  private final History history;
  private final Repositories repositories;
  private final RepositoryDistributors distributors;

  HistoryEndpoints(
      History history, Repositories repositories, RepositoryDistributors distributors) {
    this.history = history;
    this.repositories = repositories;
    this.distributors = distributors;
  }

  void register(Router router) {
    String base = Representations.API + "repositories/{repo}/history/";
    router
        .add("GET", base + "sync/", this::syncs)
        .add("GET", base + "publish/{distributor}/", this::publishes);
  }

  private ApiResponse syncs(ApiRequest request) {
    String repoId = repositories.get(request.param("repo")).id();
    return ApiResponse.ok(
        history.syncs(repoId, query(request)).stream().map(HistoryJson::sync).toList());
  }

  private ApiResponse publishes(ApiRequest request) {
    String repoId = request.param("repo");
    String distributorId = distributors.get(repoId, request.param("distributor")).id();
    return ApiResponse.ok(
        history.publishes(repoId, distributorId, query(request)).stream()
            .map(HistoryJson::publish)
            .toList());
  }

  static HistoryQuery query(ApiRequest request) {
    int limit = 0;
    String limitText = single(request, "limit");
    if (limitText != null) {
      try {
        limit = Integer.parseInt(limitText);
      } catch (NumberFormatException e) {
        limit = -1;
      }
      if (limit < 1) {
        throw InvalidValue.of("limit must be a whole number of at least 1", "limit");
      }
    }
    String sort = single(request, "sort");
    if (sort != null && !sort.equals("ascending") && !sort.equals("descending")) {
      throw InvalidValue.of("sort must be ascending or descending", "sort");
    }
    return new HistoryQuery(
        limit, "ascending".equals(sort), date(request, "start_date"), date(request, "end_date"));
  }

  private static String single(ApiRequest request, String name) {
    List<String> values = request.query().get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Instant date(ApiRequest request, String name) {
    String text = single(request, name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(text);
      } catch (DateTimeParseException again) {
        throw InvalidValue.of(
            name + " must be an ISO 8601 date-time, e.g. 2026-12-01T00:00:00Z", name);
      }
    }
  }
}
