package dev.depot.server.auth;

import dev.depot.server.db.ObjectIds;
import dev.depot.server.error.DuplicateResource;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Roles: named sets of users that permissions can be granted to. {@code super-users} may do
 * everything, cannot be changed or removed, and always keeps at least one member.
 */
public final class Roles {
  /** The role whose members may do everything. */
  public static final String SUPER_USERS = "super-users";

  private static final Pattern ID = Pattern.compile("[.\\-_A-Za-z0-9]+");

  private final Jdbi jdbi;

  /**
   * @param jdbi the database
   */
  public Roles(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** A role as the API shows it. */
  public record Role(
      String id, String oid, String displayName, String description, List<String> users) {}

  /**
   * Creates a role.
   *
   * @throws InvalidValue for a bad id
   * @throws DuplicateResource when the id is taken
   */
  public Role create(String id, String displayName, String description) {
    if (id == null) {
      throw InvalidValue.missing("role_id");
    }
    if (!ID.matcher(id).matches() || id.length() > 255) {
      throw InvalidValue.of(
          "role_id must be letters, digits, '.', '-' or '_' (at most 255): " + id, "role_id");
    }
    jdbi.useTransaction(
        h -> {
          if (find(h, id).isPresent()) {
            throw new DuplicateResource("role", id);
          }
          h.createUpdate(
                  "INSERT INTO roles (role_id, oid, display_name, description)"
                      + " VALUES (:id, :oid, :name, :description)")
              .bind("id", id)
              .bind("oid", ObjectIds.next())
              .bind("name", displayName == null || displayName.isBlank() ? id : displayName)
              .bind("description", description)
              .execute();
        });
    return get(id);
  }

  /** The role and its members. */
  public Role get(String id) {
    return jdbi.withHandle(h -> find(h, id)).orElseThrow(() -> MissingResource.of("role", id));
  }

  /** Every role, by id. */
  public List<Role> list() {
    return jdbi.withHandle(
        h ->
            h
                .createQuery("SELECT role_id FROM roles ORDER BY role_id")
                .mapTo(String.class)
                .list()
                .stream()
                .map(id -> find(h, id).orElseThrow())
                .toList());
  }

  /** Changes the display name or description (each when not null). */
  public Role update(String id, String displayName, String description) {
    jdbi.useTransaction(
        h -> {
          require(h, id, null);
          refuseSuperUsers(id, "changed");
          if (displayName != null) {
            h.createUpdate("UPDATE roles SET display_name = :n WHERE role_id = :id")
                .bind("n", displayName)
                .bind("id", id)
                .execute();
          }
          if (description != null) {
            h.createUpdate("UPDATE roles SET description = :d WHERE role_id = :id")
                .bind("d", description)
                .bind("id", id)
                .execute();
          }
        });
    return get(id);
  }

  /** Deletes a role, its memberships and its grants. */
  public void delete(String id) {
    jdbi.useTransaction(
        h -> {
          require(h, id, null);
          refuseSuperUsers(id, "removed");
          h.createUpdate("DELETE FROM permissions WHERE subject_kind = 'role' AND subject = :id")
              .bind("id", id)
              .execute();
          h.createUpdate("DELETE FROM roles WHERE role_id = :id").bind("id", id).execute();
        });
  }

  /** Makes a user a member; idempotent. */
  public void addUser(String id, String login) {
    jdbi.useTransaction(
        h -> {
          require(h, id, null);
          Users.find(h, login).orElseThrow(() -> MissingResource.of("user", login));
          h.createUpdate(
                  "INSERT INTO user_roles (login, role_id) SELECT :l, :r WHERE NOT EXISTS"
                      + " (SELECT 1 FROM user_roles WHERE login = :l AND role_id = :r)")
              .bind("l", login)
              .bind("r", id)
              .execute();
        });
  }

  /**
   * Takes a user out of a role.
   *
   * @throws InvalidValue when that would leave no super-user
   */
  public void removeUser(String id, String login) {
    jdbi.useTransaction(
        h -> {
          require(h, id, null);
          int removed =
              h.createUpdate("DELETE FROM user_roles WHERE login = :l AND role_id = :r")
                  .bind("l", login)
                  .bind("r", id)
                  .execute();
          if (removed == 0) {
            throw MissingResource.of("role", id, "user", login);
          }
          requireASuperUser(h, "login");
        });
  }

  static Optional<Role> find(Handle h, String id) {
    return h.createQuery(
            "SELECT role_id, oid, display_name, description FROM roles WHERE role_id = :id")
        .bind("id", id)
        .map(
            (rs, ctx) ->
                new Role(
                    rs.getString("role_id"),
                    rs.getString("oid"),
                    rs.getString("display_name"),
                    rs.getString("description"),
                    h.createQuery("SELECT login FROM user_roles WHERE role_id = :id ORDER BY login")
                        .bind("id", id)
                        .mapTo(String.class)
                        .list()))
        .findOne();
  }

  /**
   * Checks a role exists.
   *
   * @param property the request property naming it, for a 400; null for a 404
   */
  static void require(Handle h, String id, String property) {
    if (find(h, id).isEmpty()) {
      if (property != null) {
        throw InvalidValue.of("No such role: " + id, property);
      }
      throw MissingResource.of("role", id);
    }
  }

  /** Refuses, inside the change's transaction, a change that leaves nobody able to administer. */
  static void requireASuperUser(Handle h, String property) {
    int left =
        h.createQuery("SELECT COUNT(*) FROM user_roles WHERE role_id = :r")
            .bind("r", SUPER_USERS)
            .mapTo(Integer.class)
            .one();
    if (left == 0) {
      throw InvalidValue.of(
          "This would remove the last super-user; make another user a super-user first", property);
    }
  }

  private static void refuseSuperUsers(String id, String what) {
    if (id.equals(SUPER_USERS)) {
      throw InvalidValue.of("The super-users role cannot be " + what, "role_id");
    }
  }
}
