package dev.depot.server.repo;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ServedPath;
import dev.depot.server.db.Json;
import dev.depot.server.error.InvalidConfig;
import dev.depot.server.error.PluginFailure;
import dev.depot.server.plugin.PluginDefaults;
import dev.depot.server.plugin.PluginRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Refuses a distributor configuration that would serve where another distributor already does,
 * whatever either's type and whether each belongs to a repository or to a repository group: each
 * plugin says which paths below {@code /pulp/} its config claims ({@link Distributor#servedPaths},
 * {@link GroupDistributor#servedPaths}), and two claims conflict when equal or nested. A plugin can
 * only see distributors of its own type, so this check is the platform's.
 */
public final class ServedPathClaims {
  private final PluginRegistry plugins;
  private final PluginDefaults defaults;
  private final RepositoryStore store;

  /** Reads every stored distributor's claims through its plugin. */
  public ServedPathClaims(PluginRegistry plugins, PluginDefaults defaults, RepositoryStore store) {
    this.plugins = plugins;
    this.defaults = defaults;
    this.store = store;
  }

  /** A stored distributor: its owner (a repository or a group) and what it is. */
  private record Claimant(
      String ownerKind, String ownerId, String id, String typeId, Map<String, Object> config) {
    boolean is(Claimant other) {
      return ownerKind.equals(other.ownerKind)
          && ownerId.equals(other.ownerId)
          && id.equals(other.id);
    }
  }

  private static final String REPOSITORY = "repository";
  private static final String GROUP = "repository group";

  /**
   * Refuses with a 400 naming the claimed key when one of a repository distributor's served paths
   * overlaps another stored distributor's; the stored row of {@code distributorId} itself (an
   * update) never conflicts. Call it in the transaction that stores the config.
   */
  void check(
      Handle h,
      Distributor distributor,
      Repository repo,
      String distributorId,
      PluginCallConfiguration config,
      String field) {
    Claimant self =
        new Claimant(REPOSITORY, repo.id(), distributorId, distributor.metadata().id(), Map.of());
    check(h, self, () -> distributor.servedPaths(repo, config), field);
  }

  /**
   * The same check for a group distributor: its served paths against every other distributor's, of
   * repositories and groups alike. Call it in the transaction that stores the config.
   */
  public void check(
      Handle h,
      GroupDistributor distributor,
      RepositoryGroup group,
      String distributorId,
      PluginCallConfiguration config,
      String field) {
    Claimant self =
        new Claimant(GROUP, group.id(), distributorId, distributor.metadata().id(), Map.of());
    check(h, self, () -> distributor.servedPaths(group, config), field);
  }

  private void check(Handle h, Claimant self, Supplier<List<ServedPath>> paths, String field) {
    // Held until the caller's transaction ends: a concurrent claim waits and then sees this one.
    h.createQuery("SELECT id FROM served_paths_lock FOR UPDATE").mapTo(Integer.class).list();
    List<ServedPath> claimed = claims(self, paths);
    if (claimed.isEmpty()) {
      return;
    }
    // servedPaths depends on the id and config only, so one instance per type answers for all.
    Map<String, Distributor> repoPlugins = new HashMap<>();
    Map<String, GroupDistributor> groupPlugins = new HashMap<>();
    try (Stream<Claimant> all = claimants(h)) {
      all.filter(other -> !other.is(self))
          .forEach(
              other -> {
                PluginCallConfiguration config =
                    new PluginCallConfiguration(
                        defaults.forPlugin(other.typeId()), other.config(), Map.of());
                List<ServedPath> taken =
                    claims(
                        other,
                        other.ownerKind().equals(REPOSITORY)
                            ? () ->
                                repoPlugins
                                    .computeIfAbsent(other.typeId(), plugins::newDistributor)
                                    .servedPaths(Repository.named(other.ownerId()), config)
                            : () ->
                                groupPlugins
                                    .computeIfAbsent(other.typeId(), plugins::newGroupDistributor)
                                    .servedPaths(
                                        RepositoryGroup.of(other.ownerId(), List.of()), config));
                refuseOverlap(claimed, other, taken, field);
              });
    }
  }

  /** Every stored distributor whose plugin is loaded, of repositories and of groups. */
  private Stream<Claimant> claimants(Handle h) {
    Stream<Claimant> repos =
        store
            .allDistributors(h)
            .filter(d -> plugins.hasDistributor(d.typeId()))
            .map(d -> new Claimant(REPOSITORY, d.repoId(), d.id(), d.typeId(), d.config()));
    Stream<Claimant> groups =
        h
            .createQuery(
                "SELECT group_id, distributor_id, type_id, config FROM repo_group_distributors"
                    + " ORDER BY group_id, distributor_id")
            .map(
                (rs, ctx) ->
                    new Claimant(
                        GROUP,
                        rs.getString("group_id"),
                        rs.getString("distributor_id"),
                        rs.getString("type_id"),
                        Json.readMap(rs.getString("config"))))
            .stream()
            .filter(d -> plugins.hasGroupDistributor(d.typeId()));
    return Stream.concat(repos, groups);
  }

  private static void refuseOverlap(
      List<ServedPath> claimed, Claimant other, List<ServedPath> taken, String field) {
    for (ServedPath mine : claimed) {
      for (ServedPath theirs : taken) {
        if (mine.overlaps(theirs)) {
          throw new InvalidConfig(
              field,
              claim(mine)
                  + " conflicts with distributor "
                  + other.id()
                  + " ("
                  + other.typeId()
                  + ") of "
                  + other.ownerKind()
                  + " "
                  + other.ownerId()
                  + ", served at /pulp/"
                  + theirs.path()
                  + "/",
              List.of(mine.key()));
        }
      }
    }
  }

  /**
   * What the refused config claims: its key and the value as the user gave it (not the path below
   * /pulp/, whose prefix they never typed), or the path when no key of it decides.
   */
  private static String claim(ServedPath mine) {
    return mine.key().equals("distributor_type_id")
        ? "its tree /pulp/" + mine.path() + "/ (one per repository for this type)"
        : mine.key() + " " + mine.value();
  }

  private static List<ServedPath> claims(Claimant owner, Supplier<List<ServedPath>> paths) {
    try {
      List<ServedPath> claimed = paths.get();
      return claimed == null ? List.of() : claimed;
    } catch (RuntimeException e) {
      throw new PluginFailure(
          "distributor "
              + owner.typeId()
              + " failed to say where "
              + owner.ownerKind()
              + " "
              + owner.ownerId()
              + " is served",
          e);
    }
  }
}
