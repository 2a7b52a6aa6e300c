package dev.depot.server.auth;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Pulp's per-resource permissions: users and roles are granted operations on resource paths
 * (relative to {@code /pulp/api}, e.g. {@code /v2/repositories/}), and a grant covers the path and
 * every path below it. Super-users may do everything.
 */
public final class Permissions {
  /** Pulp's operations. */
  public static final Set<String> OPERATIONS =
      Set.of("CREATE", "READ", "UPDATE", "DELETE", "EXECUTE");

  private final Jdbi jdbi;

  /**
   * @param jdbi the database
   */
  public Permissions(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** Who holds what on one resource: each user's operations, direct or through a role. */
  public record Grants(
      String resource, Map<String, List<String>> users, Map<String, List<String>> roles) {}

  /**
   * Whether the user may do the operation on the resource: it is a super-user, or it or one of its
   * roles holds the operation on the resource or on a path above it.
   */
  public boolean allowed(String login, String operation, String resource) {
    List<String> paths = withAncestors(resource);
    return jdbi.withHandle(
        h ->
            h.createQuery(
                            "SELECT COUNT(*) FROM user_roles WHERE login = :login AND role_id = :super")
                        .bind("login", login)
                        .bind("super", Roles.SUPER_USERS)
                        .mapTo(Integer.class)
                        .one()
                    > 0
                || h.createQuery(
                            "SELECT COUNT(*) FROM permissions p WHERE p.operation = :op"
                                + " AND p.resource IN (<paths>) AND ((p.subject_kind = 'user'"
                                + " AND p.subject = :login) OR (p.subject_kind = 'role' AND p.subject IN"
                                + " (SELECT role_id FROM user_roles WHERE login = :login)))")
                        .bind("op", operation)
                        .bind("login", login)
                        .bindList("paths", paths)
                        .mapTo(Integer.class)
                        .one()
                    > 0);
  }

  /**
   * Gives the creator of a resource every operation on it, as Pulp does, unless it is a super-user
   * (who needs none).
   */
  public void grantToCreator(String login, String resource) {
    if (!allowed(login, "CREATE", "/")) {
      grantToUser(login, resource, List.copyOf(new TreeSet<>(OPERATIONS)));
    }
  }

  /**
   * Forgets every grant on a deleted resource and on the paths below it, so that a later resource
   * of the same id (a repository created again, a user of the same login) starts with only its own
   * creator's: grants are on paths, and would otherwise outlive what they were given on.
   */
  public void forget(String resource) {
    jdbi.useTransaction(h -> forget(h, resource));
  }

  /** {@link #forget(String)} inside the transaction that deletes the resource. */
  public static void forget(Handle h, String resource) {
    String path = resource(resource);
    List<String> below =
        h.createQuery("SELECT DISTINCT resource FROM permissions").mapTo(String.class).list();
    List<String> gone = below.stream().filter(r -> r.startsWith(path)).toList();
    if (!gone.isEmpty()) {
      h.createUpdate("DELETE FROM permissions WHERE resource IN (<gone>)")
          .bindList("gone", gone)
          .execute();
    }
  }

  /** The path and each path above it, up to {@code /}. */
  static List<String> withAncestors(String resource) {
    List<String> paths = new ArrayList<>();
    String path = resource.endsWith("/") ? resource : resource + "/";
    while (!path.isEmpty()) {
      paths.add(path);
      int cut = path.lastIndexOf('/', path.length() - 2);
      path = cut < 0 ? "" : path.substring(0, cut + 1);
    }
    return paths;
  }

  /** Grants operations to a user. */
  public void grantToUser(String login, String resource, List<String> operations) {
    change("user", login, resource, operations, true);
  }

  /** Revokes operations from a user. */
  public void revokeFromUser(String login, String resource, List<String> operations) {
    change("user", login, resource, operations, false);
  }

  /** Grants operations to a role (so to each of its members, now and later). */
  public void grantToRole(String roleId, String resource, List<String> operations) {
    change("role", roleId, resource, operations, true);
  }

  /** Revokes operations from a role. */
  public void revokeFromRole(String roleId, String resource, List<String> operations) {
    change("role", roleId, resource, operations, false);
  }

  private void change(
      String kind, String subject, String resource, List<String> operations, boolean grant) {
    String path = resource(resource);
    List<String> ops = operations(operations);
    jdbi.useTransaction(
        h -> {
          if (kind.equals("user")) {
            Users.find(h, subject).orElseThrow(() -> MissingResource.of("user", subject));
          } else {
            Roles.require(h, subject, null);
          }
          for (String op : ops) {
            h.createUpdate(
                    "DELETE FROM permissions WHERE resource = :r AND subject_kind = :k"
                        + " AND subject = :s AND operation = :o")
                .bind("r", path)
                .bind("k", kind)
                .bind("s", subject)
                .bind("o", op)
                .execute();
            if (grant) {
              h.createUpdate(
                      "INSERT INTO permissions (resource, subject_kind, subject, operation)"
                          + " VALUES (:r, :k, :s, :o)")
                  .bind("r", path)
                  .bind("k", kind)
                  .bind("s", subject)
                  .bind("o", op)
                  .execute();
            }
          }
        });
  }

  /**
   * The grants on each resource, or on the one given: users' operations include those their roles
   * hold, as Pulp shows them.
   */
  public List<Grants> list(String resource) {
    return jdbi.withHandle(
        h -> {
          List<Grants> result = new ArrayList<>();
          for (String path : resources(h, resource)) {
            Map<String, Set<String>> users = new TreeMap<>();
            Map<String, Set<String>> roles = new TreeMap<>();
            h.createQuery(
                    "SELECT subject_kind, subject, operation FROM permissions WHERE resource = :r")
                .bind("r", path)
                .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
                .forEach(
                    row -> {
                      Map<String, Set<String>> into = row[0].equals("user") ? users : roles;
                      into.computeIfAbsent(row[1], k -> new TreeSet<>()).add(row[2]);
                    });
            for (Map.Entry<String, Set<String>> role : roles.entrySet()) {
              for (String member :
                  h.createQuery("SELECT login FROM user_roles WHERE role_id = :r")
                      .bind("r", role.getKey())
                      .mapTo(String.class)
                      .list()) {
                users.computeIfAbsent(member, k -> new TreeSet<>()).addAll(role.getValue());
              }
            }
            result.add(new Grants(path, lists(users), lists(roles)));
          }
          return result;
        });
  }

  /** A role's grants, resource by resource. */
  public Map<String, List<String>> ofRole(String roleId) {
    return jdbi.withHandle(
        h -> {
          Map<String, Set<String>> grants = new TreeMap<>();
          h.createQuery(
                  "SELECT resource, operation FROM permissions"
                      + " WHERE subject_kind = 'role' AND subject = :r")
              .bind("r", roleId)
              .map((rs, ctx) -> new String[] {rs.getString(1), rs.getString(2)})
              .forEach(row -> grants.computeIfAbsent(row[0], k -> new TreeSet<>()).add(row[1]));
          return lists(grants);
        });
  }

  private static List<String> resources(Handle h, String resource) {
    if (resource != null) {
      return List.of(resource(resource));
    }
    return h.createQuery("SELECT DISTINCT resource FROM permissions ORDER BY resource")
        .mapTo(String.class)
        .list();
  }

  private static Map<String, List<String>> lists(Map<String, Set<String>> sets) {
    Map<String, List<String>> lists = new LinkedHashMap<>();
    sets.forEach((k, v) -> lists.put(k, List.copyOf(v)));
    return lists;
  }

  /** A resource path as stored: starting and ending with {@code /}. */
  static String resource(String resource) {
    if (resource == null || resource.isBlank()) {
      throw InvalidValue.missing("resource");
    }
    String path = resource.trim();
    if (path.startsWith("/pulp/api/")) {
      path = path.substring("/pulp/api".length());
    }
    if (!path.startsWith("/") || path.contains("..") || path.length() > 1000) {
      throw InvalidValue.of(
          "resource must be an API path such as /v2/repositories/, not " + resource, "resource");
    }
    return path.endsWith("/") ? path : path + "/";
  }

  private static List<String> operations(List<String> operations) {
    if (operations == null || operations.isEmpty()) {
      throw InvalidValue.missing("operations");
    }
    List<String> ops = new ArrayList<>();
    for (String op : operations) {
      if (op == null || !OPERATIONS.contains(op.toUpperCase(java.util.Locale.ROOT))) {
        throw InvalidValue.of(
            "operations must be some of CREATE, READ, UPDATE, DELETE, EXECUTE, not " + op,
            "operations");
      }
      ops.add(op.toUpperCase(java.util.Locale.ROOT));
    }
    return ops;
  }
}
