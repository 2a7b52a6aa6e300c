package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pulp's {@code /permissions/}: who holds which operations on which resource, and the four grant
 * and revoke actions.
 */
final class PermissionEndpoints {
  private static final String BASE = Representations.API + "permissions/";

  private final Permissions permissions;

  PermissionEndpoints(Permissions permissions) {
    this.permissions = permissions;
  }

  void register(Router router) {
    router
        .add("GET", BASE, this::list)
        .add("POST", BASE + "actions/grant_to_user/", r -> userChange(r, true))
        .add("POST", BASE + "actions/revoke_from_user/", r -> userChange(r, false))
        .add("POST", BASE + "actions/grant_to_role/", r -> roleChange(r, true))
        .add("POST", BASE + "actions/revoke_from_role/", r -> roleChange(r, false));
  }

  private ApiResponse list(ApiRequest request) {
    List<String> resource = request.query().get("resource");
    List<Map<String, Object>> result = new ArrayList<>();
    for (Permissions.Grants grants :
        permissions.list(resource == null || resource.isEmpty() ? null : resource.get(0))) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("resource", grants.resource());
      json.put("users", grants.users());
      json.put("roles", grants.roles());
      json.put("_ns", "permissions");
      result.add(json);
    }
    return ApiResponse.ok(result);
  }

  private ApiResponse userChange(ApiRequest request, boolean grant) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("login", "resource", "operations"));
    String login = JsonFields.requiredString(body, "login");
    String resource = JsonFields.requiredString(body, "resource");
    List<String> operations = operations(body);
    if (grant) {
      permissions.grantToUser(login, resource, operations);
    } else {
      permissions.revokeFromUser(login, resource, operations);
    }
    return ApiResponse.ok(null);
  }

  private ApiResponse roleChange(ApiRequest request, boolean grant) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("role_id", "resource", "operations"));
    String role = JsonFields.requiredString(body, "role_id");
    String resource = JsonFields.requiredString(body, "resource");
    List<String> operations = operations(body);
    if (grant) {
      permissions.grantToRole(role, resource, operations);
    } else {
      permissions.revokeFromRole(role, resource, operations);
    }
    return ApiResponse.ok(null);
  }

  private static List<String> operations(Map<String, Object> body) {
    List<?> given = JsonFields.optionalList(body, "operations");
    List<String> operations = new ArrayList<>();
    if (given != null) {
      for (Object op : given) {
        if (!(op instanceof String name)) {
          throw JsonFields.wrongType("operations", "a list of operation names", op);
        }
        operations.add(name);
      }
    }
    return operations;
  }
}
