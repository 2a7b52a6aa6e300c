package dev.depot.server.api;

import dev.depot.server.search.Criteria;
import dev.depot.server.search.Search;
import dev.depot.server.search.SearchCollection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * One {@code .../search/} call read the same way on every collection: POST {@code {"criteria":
 * {...}, <flags>}} or GET with Pulp's query parameters, plus the collection's own flags (such as
 * {@code details}).
 *
 * @param criteria the checked criteria
 * @param flags the flags that are set
 */
record SearchRequest(Criteria criteria, Set<String> flags) {

  static SearchRequest read(ApiRequest request, SearchCollection<?> collection, Set<String> flags) {
    if (request.method().equals("GET")) {
      Set<String> set = new HashSet<>();
      flags.stream().filter(request::flag).forEach(set::add);
      return new SearchRequest(
          Criteria.fromQuery(request.query(), flags, collection.fields()), set);
    }
    Map<String, Object> body = request.jsonObject(false);
    Set<String> known = new HashSet<>(flags);
    known.add("criteria");
    ConsumerEndpoints.refuseUnknown(body, known);
    Set<String> set = new HashSet<>();
    for (String flag : flags) {
      Boolean value = JsonFields.optionalBoolean(body, flag);
      if (value != null && value) {
        set.add(flag);
      }
    }
    return new SearchRequest(Criteria.parse(body.get("criteria"), collection.fields()), set);
  }

  boolean flag(String name) {
    return flags.contains(name);
  }

  /**
   * Runs the search and answers the matches, trimmed to the criteria's {@code fields}, then passed
   * through {@code expand} (for flags such as {@code details}), as a streamed list.
   */
  ApiResponse answer(
      Search search, SearchCollection<?> collection, UnaryOperator<Map<String, Object>> expand) {
    return ApiResponse.ok(
        new StreamedList(
            search
                .run(collection, criteria)
                .map(d -> expand.apply(criteria.project(d, collection.alwaysReturned())))));
  }

  /**
   * The routes of a search over a collection with no flags, whose documents are answered as they
   * are (users, roles, groups).
   */
  static void route(Router router, String base, Search search, SearchCollection<?> collection) {
    route(
        router,
        base,
        request -> read(request, collection, Set.of()).answer(search, collection, json -> json));
  }

  /** The routes of a search: GET and POST on {@code base + "search/"}. */
  static void route(Router router, String base, Endpoint endpoint) {
    for (String method : List.of("GET", "POST")) {
      router.add(method, base + "search/", endpoint);
    }
  }
}
