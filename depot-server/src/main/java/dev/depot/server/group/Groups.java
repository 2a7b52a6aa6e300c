package dev.depot.server.group;

import dev.depot.server.content.DocumentMatcher;
import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.DuplicateResource;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.repo.Configs;
import dev.depot.server.repo.Ids;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Groups of one {@link GroupKind}: create, read, update, delete, and membership changed by criteria
 * over the members' documents. A member leaves its groups when it is deleted through the member
 * table's foreign key, so the repository and consumer services need not know groups exist.
 */
public final class Groups {
  private static final Logger LOG = LoggerFactory.getLogger(Groups.class);
  private static final String UNIQUE_VIOLATION = "23505";

  /** A foreign key naming a missing row: PostgreSQL's code, then H2's. */
  private static final Set<String> MISSING_PARENT = Set.of("23503", "23506");

  private final Jdbi jdbi;
  private final GroupKind kind;

  /** Groups of {@code kind} in the database. */
  public Groups(Jdbi jdbi, GroupKind kind) {
    this.jdbi = jdbi;
    this.kind = kind;
  }

  /** The kind of group served. */
  public GroupKind kind() {
    return kind;
  }

  /**
   * Creates a group with its first members.
   *
   * @throws MissingResource (404) listing the member ids that do not exist, as Pulp does
   * @throws DuplicateResource (409) when the id is taken
   */
  public GroupRecord create(NewGroup request) {
    String id = Ids.check("id", kind.noun(), request.id());
    List<String> members = new ArrayList<>(new LinkedHashSet<>(request.memberIds()));
    jdbi.useTransaction(
        h -> {
          if (find(h, id).isPresent()) {
            throw new DuplicateResource(kind.noun(), id);
          }
          requireMembers(h, members);
          try {
            h.createUpdate(
                    "INSERT INTO "
                        + kind.table()
                        + " (group_id, oid, display_name, description, notes, created)"
                        + " VALUES (:id, :oid, :name, :description, :notes, :created)")
                .bind("id", id)
                .bind("oid", ObjectIds.next())
                .bind("name", request.displayName())
                .bind("description", request.description())
                .bind("notes", Json.write(Configs.withoutNulls(request.notes())))
                .bind("created", Timestamps.arg(Timestamps.now()))
                .execute();
          } catch (UnableToExecuteStatementException e) {
            // Two creations of one id at once: the loser sees the primary key refuse it.
            if (e.getCause() instanceof SQLException sql
                && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
              throw new DuplicateResource(kind.noun(), id);
            }
            throw e;
          }
          insertMembers(h, id, members);
        });
    LOG.info("Created {} {} with {} members", kind.noun(), id, members.size());
    return get(id);
  }

  private void requireMembers(Handle h, List<String> ids) {
    if (ids.isEmpty()) {
      return;
    }
    Set<String> found =
        new LinkedHashSet<>(
            h.createQuery(
                    "SELECT "
                        + kind.memberKey()
                        + " FROM "
                        + kind.members()
                        + " WHERE "
                        + kind.memberKey()
                        + " IN (<ids>)")
                .bindList("ids", ids)
                .mapTo(String.class)
                .list());
    List<String> missing = ids.stream().filter(m -> !found.contains(m)).sorted().toList();
    if (!missing.isEmpty()) {
      throw new MissingResource(Map.of(kind.members(), missing));
    }
  }

  private void insertMembers(Handle h, String groupId, List<String> memberIds) {
    for (String member : memberIds) {
      try {
        h.createUpdate(
                "INSERT INTO " + kind.memberTable() + " (group_id, member_id) VALUES (:g, :m)")
            .bind("g", groupId)
            .bind("m", member)
            .execute();
      } catch (UnableToExecuteStatementException e) {
        // The member was deleted between our read and this insert: its foreign key refuses it.
        if (e.getCause() instanceof SQLException sql
            && MISSING_PARENT.contains(sql.getSQLState())) {
          throw new MissingResource(Map.of(kind.members(), List.of(member)));
        }
        throw e;
      }
    }
  }

  /** One group (404 if it does not exist). */
  public GroupRecord get(String id) {
    return jdbi.withHandle(h -> require(h, id));
  }

  /** Every group, by id. */
  public List<GroupRecord> list() {
    return jdbi.withHandle(
        h -> {
          Map<String, List<String>> members = new LinkedHashMap<>();
          h.createQuery(
                  "SELECT group_id, member_id FROM "
                      + kind.memberTable()
                      + " ORDER BY group_id, member_id")
              .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
              .forEach(
                  e ->
                      members
                          .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                          .add(e.getValue()));
          return h.createQuery("SELECT * FROM " + kind.table() + " ORDER BY group_id")
              .map(
                  (rs, ctx) -> group(rs, members.getOrDefault(rs.getString("group_id"), List.of())))
              .list();
        });
  }

  /** Applies a delta: display name, description, notes (a null note value removes the note). */
  public GroupRecord update(
      String id, String displayName, String description, Map<String, Object> notes) {
    jdbi.useTransaction(
        h -> {
          GroupRecord current = require(h, id);
          Map<String, Object> merged =
              notes == null ? current.notes() : Configs.merge(current.notes(), notes);
          h.createUpdate(
                  "UPDATE "
                      + kind.table()
                      + " SET display_name = :name, description = :description, notes = :notes"
                      + " WHERE group_id = :id")
              .bind("id", id)
              .bind("name", displayName == null ? current.displayName() : displayName)
              .bind("description", description == null ? current.description() : description)
              .bind("notes", Json.write(merged))
              .execute();
        });
    return get(id);
  }

  /** Deletes a group; its members stay as they are. */
  public void delete(String id) {
    jdbi.useTransaction(h -> delete(h, id));
    LOG.info("Deleted {} {}", kind.noun(), id);
  }

  /**
   * Deletes a group in the caller's transaction (404 if it does not exist); rows that name it go
   * with it through their foreign keys.
   */
  void delete(Handle h, String id) {
    require(h, id);
    h.createUpdate("DELETE FROM " + kind.table() + " WHERE group_id = :id")
        .bind("id", id)
        .execute();
  }

  /**
   * The group, its row locked until the caller's transaction ends (404 if it does not exist): what
   * changes the group or what hangs on it waits for the other changes of the same group.
   */
  GroupRecord lock(Handle h, String id) {
    h.createQuery("SELECT group_id FROM " + kind.table() + " WHERE group_id = :id FOR UPDATE")
        .bind("id", id)
        .mapTo(String.class)
        .findOne()
        .orElseThrow(() -> MissingResource.of(kind.noun(), id));
    return require(h, id);
  }

  /** The group, read in the caller's transaction (404 if it does not exist). */
  GroupRecord get(Handle h, String id) {
    return require(h, id);
  }

  /**
   * Adds every member matching the filters (Mongo-style, over each member's {@code id}, {@code
   * display_name}, {@code description}, {@code notes} and {@code notes.<key>}).
   *
   * @return the group's member ids after the change
   */
  public List<String> associate(String id, Map<String, Object> filters) {
    return associate(id, filters, member -> true);
  }

  /**
   * Adds every member matching the filters that {@code mayAdd} accepts (those a caller may read);
   * see {@link #associate(String, Map)}.
   */
  public List<String> associate(
      String id, Map<String, Object> filters, java.util.function.Predicate<String> mayAdd) {
    return changeMembers(id, filters, mayAdd);
  }

  /**
   * Removes every member matching the filters; see {@link #associate}.
   *
   * @return the group's member ids after the change
   */
  public List<String> unassociate(String id, Map<String, Object> filters) {
    return changeMembers(id, filters, null);
  }

  /** Adds the matching members {@code mayAdd} accepts, or removes the matching ones when null. */
  private List<String> changeMembers(
      String id, Map<String, Object> filters, java.util.function.Predicate<String> mayAdd) {
    boolean add = mayAdd != null;
    try {
      DocumentMatcher.check(filters);
    } catch (IllegalArgumentException e) {
      throw InvalidValue.of("Invalid criteria filters: " + e.getMessage(), "criteria");
    }
    List<String> after =
        jdbi.inTransaction(
            h -> {
              // Two membership changes of one group run one after the other and never insert the
              // same member twice.
              lock(h, id);
              Set<String> current = new LinkedHashSet<>(members(h, id));
              List<String> matched = matching(h, filters);
              if (add) {
                insertMembers(
                    h,
                    id,
                    matched.stream().filter(m -> !current.contains(m)).filter(mayAdd).toList());
              } else {
                List<String> leaving = matched.stream().filter(current::contains).toList();
                if (!leaving.isEmpty()) {
                  h.createUpdate(
                          "DELETE FROM "
                              + kind.memberTable()
                              + " WHERE group_id = :g AND member_id IN (<ids>)")
                      .bind("g", id)
                      .bindList("ids", leaving)
                      .execute();
                }
              }
              return members(h, id);
            });
    LOG.info("{} {} now has {} members", kind.noun(), id, after.size());
    return after;
  }

  private List<String> matching(Handle h, Map<String, Object> filters) {
    List<String> matched = new ArrayList<>();
    h.createQuery(
            "SELECT "
                + kind.memberKey()
                + " AS id, display_name, description, notes FROM "
                + kind.members()
                + " ORDER BY "
                + kind.memberKey())
        .map(
            (rs, ctx) -> {
              Map<String, Object> doc = new LinkedHashMap<>();
              doc.put("id", rs.getString("id"));
              doc.put("display_name", rs.getString("display_name"));
              doc.put("description", rs.getString("description"));
              Map<String, Object> notes = Json.readMap(rs.getString("notes"));
              doc.put("notes", notes);
              notes.forEach((k, v) -> doc.put("notes." + k, v));
              return doc;
            })
        .forEach(
            doc -> {
              if (DocumentMatcher.matches(doc, filters)) {
                matched.add((String) doc.get("id"));
              }
            });
    return matched;
  }

  private GroupRecord require(Handle h, String id) {
    return find(h, id).orElseThrow(() -> MissingResource.of(kind.noun(), id));
  }

  private Optional<GroupRecord> find(Handle h, String id) {
    List<String> members = members(h, id);
    return h.createQuery("SELECT * FROM " + kind.table() + " WHERE group_id = :id")
        .bind("id", id)
        .map((rs, ctx) -> group(rs, members))
        .findOne();
  }

  private List<String> members(Handle h, String id) {
    return h.createQuery(
            "SELECT member_id FROM "
                + kind.memberTable()
                + " WHERE group_id = :id ORDER BY member_id")
        .bind("id", id)
        .mapTo(String.class)
        .list();
  }

  private static GroupRecord group(ResultSet rs, List<String> members) throws SQLException {
    return new GroupRecord(
        rs.getString("group_id"),
        rs.getString("oid"),
        rs.getString("display_name"),
        rs.getString("description"),
        Json.readMap(rs.getString("notes")),
        List.copyOf(members));
  }
}
