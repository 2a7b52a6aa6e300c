package dev.depot.server.group;

import dev.depot.plugin.ConfigValueException;
import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ValidationResult;
import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.DuplicateResource;
import dev.depot.server.error.InvalidConfig;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.error.PluginFailure;
import dev.depot.server.plugin.PluginDefaults;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.repo.Configs;
import dev.depot.server.repo.Ids;
import dev.depot.server.repo.PublishedLocations;
import dev.depot.server.repo.RemovalHooks;
import dev.depot.server.repo.ServedPathClaims;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The distributors of repository groups: add (validated by the plugin), read, remove. The platform
 * never names a group distributor type; the {@link PluginRegistry} hands out the plugins.
 */
public final class GroupDistributors {
  private static final Logger LOG = LoggerFactory.getLogger(GroupDistributors.class);
  private static final String FIELD = "distributor_config";

  private final Jdbi jdbi;
  private final Groups groups;
  private final PluginRegistry plugins;
  private final PluginDefaults defaults;
  private final ServedPathClaims claims;
  private final RemovalHooks hooks;

  /**
   * Wires the service over the repository groups; {@code claims} refuses a served path another
   * distributor, of a repository or a group, already serves; {@code hooks} are the removed-hooks
   * still due, shared with the repositories' distributors.
   */
  public GroupDistributors(
      Jdbi jdbi,
      Groups groups,
      PluginRegistry plugins,
      PluginDefaults defaults,
      ServedPathClaims claims,
      RemovalHooks hooks) {
    if (groups.kind() != GroupKind.REPOSITORY) {
      throw new IllegalArgumentException("only repository groups carry distributors");
    }
    this.jdbi = jdbi;
    this.groups = groups;
    this.plugins = plugins;
    this.defaults = defaults;
    this.claims = claims;
    this.hooks = hooks;
  }

  /** The repository groups these distributors belong to. */
  public Groups groups() {
    return groups;
  }

  /** What a plugin sees of a group; {@code workingDir} may be null. */
  public static RepositoryGroup view(GroupRecord group, java.nio.file.Path workingDir) {
    return new RepositoryGroup(
        group.id(),
        group.displayName(),
        group.description(),
        group.notes(),
        group.memberIds(),
        workingDir);
  }

  /** The three config layers of a call: plugin defaults, the stored config, the override. */
  public PluginCallConfiguration config(
      GroupDistributorRecord distributor, Map<String, Object> override) {
    return new PluginCallConfiguration(
        defaults.forPlugin(distributor.typeId()), distributor.config(), override);
  }

  /**
   * Validates and attaches a distributor to a group.
   *
   * @param typeId the plugin id ({@code distributor_type_id}); 400 when null or unknown
   * @param config the configuration; 400 naming the key when the plugin refuses it
   * @param id the requested id, or null for a generated one; 409 when taken
   */
  public GroupDistributorRecord add(
      String groupId, String typeId, Map<String, Object> config, Object id) {
    if (typeId == null) {
      throw InvalidValue.missing("distributor_type_id");
    }
    hooks.finishAll(); // a removed distributor's trees go before this one can publish there
    GroupRecord group = groups.get(groupId);
    GroupDistributor plugin = plugins.newGroupDistributor(typeId);
    String distributorId =
        id == null ? UUID.randomUUID().toString() : Ids.check("distributor_id", "distributor", id);
    Map<String, Object> stored = Configs.withoutNulls(config == null ? Map.of() : config);
    PluginCallConfiguration callConfig =
        new PluginCallConfiguration(defaults.forPlugin(typeId), stored, Map.of());
    RepositoryGroup view = view(group, null);
    validate(plugin, view, callConfig);
    jdbi.useTransaction(
        h -> {
          // A delete of the group waits, then removes this one too, or goes first: then 404.
          groups.lock(h, groupId);
          if (find(h, groupId, distributorId).isPresent()) {
            throw new DuplicateResource("distributor", distributorId);
          }
          // In the insert's transaction: a concurrent claim of the same path waits, then sees it.
          claims.check(h, plugin, view, distributorId, callConfig, FIELD);
          try {
            plugin.distributorAdded(view, callConfig);
          } catch (RuntimeException e) {
            throw new PluginFailure("group distributor " + typeId + " refused to be added", e);
          }
          h.createUpdate(
                  "INSERT INTO repo_group_distributors"
                      + " (group_id, distributor_id, oid, type_id, config)"
                      + " VALUES (:g, :d, :oid, :type, :config)")
              .bind("g", groupId)
              .bind("d", distributorId)
              .bind("oid", ObjectIds.next())
              .bind("type", typeId)
              .bind("config", Json.write(stored))
              .execute();
        });
    LOG.info(
        "Added group distributor {} ({}) to repository group {}", distributorId, typeId, groupId);
    return get(groupId, distributorId);
  }

  private static void validate(
      GroupDistributor plugin, RepositoryGroup group, PluginCallConfiguration config) {
    validate(plugin, group, config, FIELD);
  }

  private static void validate(
      GroupDistributor plugin,
      RepositoryGroup group,
      PluginCallConfiguration config,
      String field) {
    ValidationResult result;
    try {
      result = plugin.validateConfig(group, config);
    } catch (ConfigValueException e) {
      result = ValidationResult.invalid(e.getMessage(), e.key());
    } catch (RuntimeException e) {
      throw new PluginFailure(
          "group distributor " + plugin.metadata().id() + " failed while validating its config", e);
    }
    switch (result) {
      case ValidationResult.Valid valid -> {}
      case ValidationResult.Invalid invalid ->
          throw new InvalidConfig(field, invalid.message(), invalid.fields());
    }
  }

  /** The group's distributors, by id (404 when the group does not exist). */
  public List<GroupDistributorRecord> list(String groupId) {
    groups.get(groupId);
    return jdbi.withHandle(h -> list(h, groupId));
  }

  private static List<GroupDistributorRecord> list(Handle h, String groupId) {
    return h.createQuery(
            "SELECT * FROM repo_group_distributors WHERE group_id = :g ORDER BY distributor_id")
        .bind("g", groupId)
        .map((rs, ctx) -> record(rs))
        .list();
  }

  /** One distributor of a group (404 when it or the group does not exist). */
  public GroupDistributorRecord get(String groupId, String distributorId) {
    groups.get(groupId);
    return jdbi.withHandle(h -> find(h, groupId, distributorId))
        .orElseThrow(() -> missing(groupId, distributorId));
  }

  /**
   * Changes a distributor's config: the given keys are set, a null removes one, the rest stay; the
   * plugin validates the result, and a refusal (400 naming the key) changes nothing.
   */
  public GroupDistributorRecord update(
      String groupId, String distributorId, Map<String, Object> changes) {
    hooks.finishAll(); // a new relative_url may be one a removed distributor still serves
    GroupRecord group = groups.get(groupId);
    GroupDistributorRecord record = get(groupId, distributorId);
    Map<String, Object> merged = Configs.merge(record.config(), changes);
    GroupDistributor plugin = plugins.newGroupDistributor(record.typeId());
    RepositoryGroup view = view(group, null);
    PluginCallConfiguration callConfig =
        new PluginCallConfiguration(defaults.forPlugin(record.typeId()), merged, Map.of());
    validate(plugin, view, callConfig);
    jdbi.useTransaction(
        h -> {
          claims.check(h, plugin, view, distributorId, callConfig, FIELD);
          h.createUpdate(
                  "UPDATE repo_group_distributors SET config = :config"
                      + " WHERE group_id = :g AND distributor_id = :d")
              .bind("config", Json.write(merged))
              .bind("g", groupId)
              .bind("d", distributorId)
              .execute();
        });
    return get(groupId, distributorId);
  }

  /**
   * Checks a publish's {@code override_config} as the config it makes of the stored one (400 naming
   * {@code override_config}): a group publish may not take a path another distributor serves, nor
   * do anything a config change is refused.
   */
  public void checkOverride(String groupId, String distributorId, Map<String, Object> override) {
    if (override == null || override.isEmpty()) {
      return;
    }
    GroupRecord group = groups.get(groupId);
    GroupDistributorRecord record = get(groupId, distributorId);
    GroupDistributor plugin = plugins.newGroupDistributor(record.typeId());
    RepositoryGroup view = view(group, null);
    PluginCallConfiguration callConfig =
        new PluginCallConfiguration(
            defaults.forPlugin(record.typeId()),
            Configs.merge(record.config(), override),
            Map.of());
    validate(plugin, view, callConfig, "override_config");
    jdbi.useHandle(
        h -> claims.check(h, plugin, view, distributorId, callConfig, "override_config"));
  }

  /**
   * Removes a distributor: its row goes in one transaction that records its removed-hook, then the
   * hook unpublishes (failures are logged; a crash in between leaves the hook to {@link
   * RemovalHooks}, so the group's tree is never left served with no distributor naming it).
   */
  public void remove(String groupId, String distributorId) {
    jdbi.useTransaction(
        h -> {
          RepositoryGroup view = view(groups.get(h, groupId), null);
          GroupDistributorRecord record =
              find(h, groupId, distributorId).orElseThrow(() -> missing(groupId, distributorId));
          hooks.groupDistributorGoing(h, view, record.typeId(), distributorId, record.config());
          int deleted =
              h.createUpdate(
                      "DELETE FROM repo_group_distributors"
                          + " WHERE group_id = :g AND distributor_id = :d")
                  .bind("g", groupId)
                  .bind("d", distributorId)
                  .execute();
          if (deleted == 0) {
            throw missing(groupId, distributorId); // a concurrent removal took it first
          }
        });
    LOG.info("Removed group distributor {} from repository group {}", distributorId, groupId);
    hooks.finishGroup(groupId);
  }

  /**
   * Deletes a group with its distributors in one transaction that records their removed-hooks; then
   * each is told to remove what it published, as {@link #remove} does.
   */
  public void deleteGroup(String groupId) {
    jdbi.useTransaction(
        h -> {
          // Locked first: a distributor being added meanwhile is listed here or refused after.
          RepositoryGroup view = view(groups.lock(h, groupId), null);
          for (GroupDistributorRecord distributor : list(h, groupId)) {
            hooks.groupDistributorGoing(
                h, view, distributor.typeId(), distributor.id(), distributor.config());
          }
          groups.delete(h, groupId); // the distributors' rows go with it (ON DELETE CASCADE)
        });
    LOG.info("Deleted repository group {} with its distributors", groupId);
    hooks.finishGroup(groupId);
  }

  private static MissingResource missing(String groupId, String distributorId) {
    return MissingResource.of("repo_group", groupId, "distributor", distributorId);
  }

  /** Records a publish attempt. */
  public void setLastPublish(String groupId, String distributorId, Instant when) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE repo_group_distributors SET last_publish = :t"
                        + " WHERE group_id = :g AND distributor_id = :d")
                .bind("t", Timestamps.arg(when))
                .bind("g", groupId)
                .bind("d", distributorId)
                .execute());
  }

  /**
   * Records where a successful publish can be reached, replacing the previous publish's; false when
   * the distributor is gone (removed while it published).
   */
  public boolean setPublished(String groupId, String distributorId, List<PublishedLocation> where) {
    return jdbi.withHandle(
            h ->
                h.createUpdate(
                        "UPDATE repo_group_distributors SET published_locations = :where"
                            + " WHERE group_id = :g AND distributor_id = :d")
                    .bind("where", PublishedLocations.write(where))
                    .bind("g", groupId)
                    .bind("d", distributorId)
                    .execute())
        > 0;
  }

  /**
   * Unpublishes what a publish served after its distributor was removed: a removal does not wait
   * for the group's publish (it is no task), so its hook may have run before the publish switched
   * its tree in. The hook is recorded first, as a removal records it, then run.
   */
  public void unpublishRemoved(GroupRecord group, GroupDistributorRecord removed) {
    jdbi.useTransaction(
        h ->
            hooks.groupDistributorGoing(
                h, view(group, null), removed.typeId(), removed.id(), removed.config()));
    hooks.finishGroup(group.id());
  }

  private static Optional<GroupDistributorRecord> find(
      Handle h, String groupId, String distributorId) {
    return h.createQuery(
            "SELECT * FROM repo_group_distributors WHERE group_id = :g AND distributor_id = :d")
        .bind("g", groupId)
        .bind("d", distributorId)
        .map((rs, ctx) -> record(rs))
        .findOne();
  }

  private static GroupDistributorRecord record(ResultSet rs) throws SQLException {
    return new GroupDistributorRecord(
        rs.getString("group_id"),
        rs.getString("distributor_id"),
        rs.getString("oid"),
        rs.getString("type_id"),
        Json.readMap(rs.getString("config")),
        Timestamps.read(rs, "last_publish"),
        PublishedLocations.read(rs.getString("published_locations")));
  }
}
