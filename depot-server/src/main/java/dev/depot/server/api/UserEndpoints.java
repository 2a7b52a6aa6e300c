package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.auth.Users;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.search.LookupCollection;
import dev.depot.server.search.Search;
import dev.depot.server.search.SearchCollection.Column;
import dev.depot.server.search.SearchCollection.Kind;
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
  private final Permissions permissions;
  private final Search search;
  private final LookupCollection collection;

  UserEndpoints(Users users, Permissions permissions, Search search) {
    this.users = users;
    this.permissions = permissions;
    this.search = search;
    this.collection =
        new LookupCollection(
            "users",
            "login",
            Map.of("login", new Column("login", Kind.TEXT), "name", new Column("name", Kind.TEXT)),
            Set.of("login", "name", "roles", "_id", "id", "_ns", "_href"),
            login -> json(users.get(login)));
  }

  void register(Router router) {
    SearchRequest.route(router, USERS, search, collection);
    router
        .add(
            "GET",
            USERS,
            r -> ApiResponse.ok(users.list().stream().map(UserEndpoints::json).toList()))
        .add("POST", USERS, this::create)
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
      mayChangeRoles(request.caller(), request.param("login"), roleIds);
    }
    return ApiResponse.ok(
        json(
            users.update(
                request.param("login"),
                JsonFields.optionalString(delta, "name"),
                JsonFields.optionalString(delta, "password"),
                roleIds)));
  }

  /**
   * A user's roles change only as far as the caller could change them through the roles' own
   * membership paths ({@code POST /roles/<id>/users/}, {@code DELETE /roles/<id>/users/<login>/}):
   * UPDATE on a user (which its creator holds) does not make it a super-user.
   */
  private void mayChangeRoles(Caller caller, String login, List<String> roleIds) {
    if (!(caller instanceof Caller.User user)) {
      return;
    }
    List<String> current = users.get(login).roles();
    for (String role : new java.util.TreeSet<>(roleIds)) {
      String resource = "/v2/roles/" + role + "/users/";
      if (!current.contains(role) && !permissions.allowed(user.name(), "CREATE", resource)) {
        throw PermissionDenied.forUser(user.name(), "CREATE on " + resource);
      }
    }
    for (String role : current) {
      String resource = "/v2/roles/" + role + "/users/" + login + "/";
      if (!roleIds.contains(role) && !permissions.allowed(user.name(), "DELETE", resource)) {
        throw PermissionDenied.forUser(user.name(), "DELETE on " + resource);
      }
    }
  }

  private ApiResponse delete(ApiRequest request) {
    users.delete(request.param("login"));
    return ApiResponse.deleted();
  }
}
