package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.PermissionDenied;
import dev.depot.server.group.GroupDistributors;
import dev.depot.server.group.GroupKind;
import dev.depot.server.group.GroupRecord;
import dev.depot.server.group.Groups;
import dev.depot.server.group.NewGroup;
import dev.depot.server.search.LookupCollection;
import dev.depot.server.search.Search;
import dev.depot.server.search.SearchCollection.Column;
import dev.depot.server.search.SearchCollection.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /repo_groups/} and {@code /consumer_groups/}: create, list, read, update, delete, and
 * {@code actions/associate/} and {@code actions/unassociate/} by criteria over the members. The two
 * differ only in their path, the member list's name and, for repository groups, the (unsupported)
 * group distributors.
 */
final class GroupEndpoints {
  private static final Set<String> UPDATE_KEYS = Set.of("display_name", "description", "notes");
  private static final Set<String> CRITERIA_KEYS = Set.of("filters", "fields", "sort");

  private final Groups groups;
  private final GroupDistributors distributors;
  private final String base;
  private final String membersField;
  private final Search search;
  private final LookupCollection collection;
  private final Permissions permissions;

  /** Consumer groups, which carry no distributors. */
  GroupEndpoints(Groups groups, Search search, Permissions permissions) {
    this(groups, null, search, permissions);
  }

  /** Repository groups and their distributors. */
  GroupEndpoints(GroupDistributors distributors, Search search, Permissions permissions) {
    this(distributors.groups(), distributors, search, permissions);
  }

  private GroupEndpoints(
      Groups groups, GroupDistributors distributors, Search search, Permissions permissions) {
    this.permissions = permissions;
    this.groups = groups;
    this.distributors = distributors;
    this.base = path(groups.kind());
    this.membersField = groups.kind() == GroupKind.REPOSITORY ? "repo_ids" : "consumer_ids";
    this.search = search;
    this.collection =
        new LookupCollection(
            groups.kind().table(),
            "group_id",
            Map.of(
                "id", new Column("group_id", Kind.TEXT),
                "display_name", new Column("display_name", Kind.TEXT),
                "description", new Column("description", Kind.TEXT)),
            Set.of(
                "id",
                "display_name",
                "description",
                membersField,
                "notes",
                "scratchpad",
                "distributors",
                "_id",
                "_ns",
                "_href"),
            id -> json(groups.get(id)));
  }

  /**
   * Whether the caller may read a member: only what it may read goes into a group, whose publishing
   * (an export of every member) and bindings would otherwise reach it.
   */
  static boolean mayRead(Permissions permissions, Caller caller, GroupKind kind, String member) {
    return !(caller instanceof Caller.User user)
        || permissions.allowed(user.name(), "READ", memberPath(kind, member));
  }

  static String memberPath(GroupKind kind, String member) {
    return (kind == GroupKind.REPOSITORY ? "/v2/repositories/" : "/v2/consumers/") + member + "/";
  }

  static void requireRead(Permissions permissions, Caller caller, GroupKind kind, String member) {
    if (!mayRead(permissions, caller, kind, member)) {
      throw PermissionDenied.forUser(caller.name(), "READ on " + memberPath(kind, member));
    }
  }

  /** Where groups of this kind live, e.g. {@code /pulp/api/v2/repo_groups/}. */
  static String path(GroupKind kind) {
    return Representations.API + kind.table() + "/";
  }

  void register(Router router) {
    SearchRequest.route(router, base, search, collection);
    router
        .add("GET", base, this::list)
        .add("POST", base, this::create)
        .add("GET", base + "{group}/", this::get)
        .add("PUT", base + "{group}/", this::update)
        .add("DELETE", base + "{group}/", this::delete)
        .add("POST", base + "{group}/actions/associate/", r -> members(r, true))
        .add("POST", base + "{group}/actions/unassociate/", r -> members(r, false));
  }

  private Map<String, Object> json(GroupRecord group) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", group.id());
    json.put("display_name", group.displayName());
    json.put("description", group.description());
    json.put(membersField, group.memberIds());
    json.put("notes", group.notes());
    json.put("scratchpad", null);
    if (distributors != null) {
      json.put(
          "distributors",
          distributors.list(group.id()).stream().map(GroupDistributorEndpoints::json).toList());
    }
    json.put("_id", Map.of("$oid", group.oid()));
    json.put("_ns", groups.kind().table());
    json.put("_href", base + group.id() + "/");
    return json;
  }

  private ApiResponse list(ApiRequest request) {
    return ApiResponse.ok(groups.list().stream().map(this::json).toList());
  }

  private ApiResponse create(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    Set<String> known = new HashSet<>(UPDATE_KEYS);
    known.add("id");
    known.add(membersField);
    List<Map<String, Object>> requested = new ArrayList<>();
    if (distributors != null) {
      known.add("distributors");
      List<?> given = JsonFields.optionalList(body, "distributors");
      for (Object entry : given == null ? List.of() : given) {
        if (!(entry instanceof Map<?, ?> map)) {
          throw JsonFields.wrongType("distributors", "a list of objects", entry);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> distributor = (Map<String, Object>) map;
        ConsumerEndpoints.refuseUnknown(distributor, GroupDistributorEndpoints.ADD_KEYS);
        requested.add(distributor);
      }
    }
    ConsumerEndpoints.refuseUnknown(body, known);
    for (String member : ids(body, membersField)) {
      requireRead(permissions, request.caller(), groups.kind(), member);
    }
    GroupRecord created =
        groups.create(
            new NewGroup(
                body.get("id"),
                JsonFields.optionalString(body, "display_name"),
                JsonFields.optionalString(body, "description"),
                JsonFields.notes(body, "notes"),
                ids(body, membersField)));
    try {
      for (Map<String, Object> distributor : requested) {
        GroupDistributorEndpoints.add(distributors, created.id(), distributor);
      }
    } catch (RuntimeException e) {
      // As in Pulp, a group whose distributors are refused is not left behind.
      distributors.deleteGroup(created.id());
      throw e;
    }
    return ApiResponse.created(json(created));
  }

  private static List<String> ids(Map<String, Object> body, String field) {
    List<?> given = JsonFields.optionalList(body, field);
    List<String> ids = new ArrayList<>();
    for (Object id : given == null ? List.of() : given) {
      if (!(id instanceof String text)) {
        throw JsonFields.wrongType(field, "a list of strings", id);
      }
      ids.add(text);
    }
    return ids;
  }

  private ApiResponse get(ApiRequest request) {
    return ApiResponse.ok(json(groups.get(request.param("group"))));
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    ConsumerEndpoints.refuseUnknown(body, UPDATE_KEYS);
    return ApiResponse.ok(
        json(
            groups.update(
                request.param("group"),
                JsonFields.optionalString(body, "display_name"),
                JsonFields.optionalString(body, "description"),
                JsonFields.notes(body, "notes"))));
  }

  private ApiResponse delete(ApiRequest request) {
    if (distributors != null) {
      distributors.deleteGroup(request.param("group"));
    } else {
      groups.delete(request.param("group"));
    }
    return ApiResponse.deleted();
  }

  /** Answers the group's member ids after the change, as Pulp does. */
  private ApiResponse members(ApiRequest request, boolean add) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, Set.of("criteria"));
    Map<String, Object> criteria = JsonFields.optionalObject(body, "criteria");
    if (criteria == null) {
      throw InvalidValue.missing("criteria");
    }
    ConsumerEndpoints.refuseUnknown(criteria, CRITERIA_KEYS);
    Map<String, Object> filters = JsonFields.optionalObject(criteria, "filters");
    filters = filters == null ? Map.of() : filters;
    String id = request.param("group");
    return ApiResponse.ok(
        add
            ? groups.associate(
                id, filters, m -> mayRead(permissions, request.caller(), groups.kind(), m))
            : groups.unassociate(id, filters));
  }
}
