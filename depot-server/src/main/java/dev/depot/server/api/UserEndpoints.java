package dev.depot.server.api;

import dev.depot.server.auth.Users;
import dev.depot.server.error.InvalidValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Pulp's {@code /users/}: create, list, show, change and delete users; never a password out. */
final class UserEndpoints {
  static final String USERS = Representations.API + "users/";
  private static final Set<String> CREATE_KEYS = Set.of("login", "name", "password");
  private static final Set<String> DELTA_KEYS = Set.of("name", "password", "roles");

  private final Users users;

  UserEndpoints(Users users) {
    this.users = users;
  }

  void register(Router router) {
    router
        .add(
            "GET",
            USERS,
            r -> ApiResponse.ok(users.list().stream().map(UserEndpoints::json).toList()))
        .add("POST", USERS, this::create)
        .add("GET", USERS + "search/", this::search)
        .add("POST", USERS + "search/", this::search)
        .add("GET", USERS + "{login}/", r -> ApiResponse.ok(json(users.get(r.param("login")))))
        .add("PUT", USERS + "{login}/", this::update)
        .add("DELETE", USERS + "{login}/", this::delete);
  }

  static Map<String, Object> json(Users.User user) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("login", user.login());
    json.put("name", user.name());
    json.put("roles", user.roles());
    json.put("_id", Map.of("$oid", user.oid()));
    json.put("id", user.oid());
    json.put("_ns", "users");
    json.put("_href", USERS + user.login() + "/");
    return json;
  }

  private ApiResponse create(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, CREATE_KEYS);
    Users.User created =
        users.create(
            JsonFields.optionalString(body, "login"),
            JsonFields.optionalString(body, "name"),
            JsonFields.optionalString(body, "password"));
    return ApiResponse.created(json(created));
  }

  /**
   * Pulp's user search, on login and name: {@code filters} with {@code login}/{@code id} equal to a
   * value or {@code $in} a list.
   */
  private ApiResponse search(ApiRequest request) {
    Map<String, Object> criteria =
        request.method().equals("POST")
            ? JsonFields.optionalObject(request.jsonObject(true), "criteria")
            : null;
    Map<String, Object> filters =
        criteria == null ? null : JsonFields.optionalObject(criteria, "filters");
    List<Map<String, Object>> found = new ArrayList<>();
    for (Users.User user : users.list()) {
      if (filters == null || matches(filters, user)) {
        found.add(json(user));
      }
    }
    return ApiResponse.ok(found);
  }

  private static boolean matches(Map<String, Object> filters, Users.User user) {
    for (Map.Entry<String, Object> filter : filters.entrySet()) {
      String value =
          switch (filter.getKey()) {
            case "login", "id" -> user.login();
            case "name" -> user.name();
            default ->
                throw InvalidValue.of(
                    "Users can be searched by login, id or name, not " + filter.getKey(),
                    "criteria");
          };
      boolean match =
          switch (filter.getValue()) {
            case String wanted -> wanted.equals(value);
            case Map<?, ?> operator when operator.get("$in") instanceof List<?> in ->
                in.contains(value);
            default ->
                throw InvalidValue.of(
                    "A user filter is a value or {\"$in\": [...]}: " + filter.getKey(), "criteria");
          };
      if (!match) {
        return false;
      }
    }
    return true;
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("delta"));
    Map<String, Object> delta = JsonFields.optionalObject(body, "delta");
    if (delta == null) {
      throw InvalidValue.missing("delta");
    }
    ConsumerEndpoints.refuseUnknown(delta, DELTA_KEYS);
    List<?> roles = JsonFields.optionalList(delta, "roles");
    List<String> roleIds = null;
    if (roles != null) {
      roleIds = new ArrayList<>();
      for (Object role : roles) {
        if (!(role instanceof String id)) {
          throw JsonFields.wrongType("roles", "a list of role ids", role);
        }
        roleIds.add(id);
      }
    }
    return ApiResponse.ok(
        json(
            users.update(
                request.param("login"),
                JsonFields.optionalString(delta, "name"),
                JsonFields.optionalString(delta, "password"),
                roleIds)));
  }

  private ApiResponse delete(ApiRequest request) {
    users.delete(request.param("login"));
    return ApiResponse.ok(null);
  }
}
