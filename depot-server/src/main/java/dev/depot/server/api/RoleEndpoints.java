package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.auth.Roles;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.search.LookupCollection;
import dev.depot.server.search.Search;
import dev.depot.server.search.SearchCollection.Column;
import dev.depot.server.search.SearchCollection.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Pulp's {@code /roles/}: roles, their members, and what they are granted. */
final class RoleEndpoints {
  static final String ROLES = Representations.API + "roles/";
  private static final Set<String> CREATE_KEYS = Set.of("role_id", "display_name", "description");

  private final Roles roles;
  private final Permissions permissions;
  private final Search search;
  private final LookupCollection collection;

  RoleEndpoints(Roles roles, Permissions permissions, Search search) {
    this.roles = roles;
    this.permissions = permissions;
    this.search = search;
    this.collection =
        new LookupCollection(
            "roles",
            "role_id",
            Map.of(
                "id", new Column("role_id", Kind.TEXT),
                "display_name", new Column("display_name", Kind.TEXT),
                "description", new Column("description", Kind.TEXT)),
            Set.of(
                "id", "display_name", "description", "users", "permissions", "_id", "_ns", "_href"),
            id -> json(roles.get(id)));
  }

  void register(Router router) {
    SearchRequest.route(router, ROLES, search, collection);
    router
        .add("GET", ROLES, r -> ApiResponse.ok(roles.list().stream().map(this::json).toList()))
        .add("POST", ROLES, this::create)
        .add("GET", ROLES + "{role}/", r -> ApiResponse.ok(json(roles.get(r.param("role")))))
        .add("PUT", ROLES + "{role}/", this::update)
        .add("DELETE", ROLES + "{role}/", this::delete)
        .add("POST", ROLES + "{role}/users/", this::addUser)
        .add("DELETE", ROLES + "{role}/users/{login}/", this::removeUser);
  }

  private Map<String, Object> json(Roles.Role role) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", role.id());
    json.put("display_name", role.displayName());
    json.put("description", role.description());
    json.put("users", role.users());
    json.put("permissions", permissions.ofRole(role.id()));
    json.put("_id", Map.of("$oid", role.oid()));
    json.put("_ns", "roles");
    json.put("_href", ROLES + role.id() + "/");
    return json;
  }

  private ApiResponse create(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, CREATE_KEYS);
    return ApiResponse.created(
        json(
            roles.create(
                JsonFields.optionalString(body, "role_id"),
                JsonFields.optionalString(body, "display_name"),
                JsonFields.optionalString(body, "description"))));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("delta"));
    Map<String, Object> delta = JsonFields.optionalObject(body, "delta");
    if (delta == null) {
      throw InvalidValue.missing("delta");
    }
    ConsumerEndpoints.refuseUnknown(delta, Set.of("display_name", "description"));
    return ApiResponse.ok(
        json(
            roles.update(
                request.param("role"),
                JsonFields.optionalString(delta, "display_name"),
                JsonFields.optionalString(delta, "description"))));
  }

  private ApiResponse delete(ApiRequest request) {
    roles.delete(request.param("role"));
    return ApiResponse.deleted();
  }

  private ApiResponse addUser(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("login"));
    roles.addUser(request.param("role"), JsonFields.requiredString(body, "login"));
    return ApiResponse.ok(null);
  }

  private ApiResponse removeUser(ApiRequest request) {
    roles.removeUser(request.param("role"), request.param("login"));
    return ApiResponse.ok(null);
  }
}
