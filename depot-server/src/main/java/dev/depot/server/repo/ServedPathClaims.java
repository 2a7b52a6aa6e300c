package dev.depot.server.repo;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ServedPath;
import dev.depot.server.error.InvalidConfig;
import dev.depot.server.error.PluginFailure;
import dev.depot.server.plugin.PluginDefaults;
import dev.depot.server.plugin.PluginRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;

/**
 * Refuses a distributor configuration that would serve where another distributor already does,
 * whatever either's type: each plugin says which paths below {@code /pulp/} its config claims
 * ({@link Distributor#servedPaths}), and two claims conflict when equal or nested. A plugin can
 * only see distributors of its own type, so this check is the platform's.
 */
final class ServedPathClaims {
  private final PluginRegistry plugins;
  private final PluginDefaults defaults;
  private final RepositoryStore store;

  ServedPathClaims(PluginRegistry plugins, PluginDefaults defaults, RepositoryStore store) {
    this.plugins = plugins;
    this.defaults = defaults;
    this.store = store;
  }

  /**
   * Refuses with a 400 naming the claimed key when one of {@code distributor}'s served paths
   * overlaps another stored distributor's; the stored row of {@code distributorId} itself (an
   * update) never conflicts.
   */
  void check(
      Handle h,
      Distributor distributor,
      Repository repo,
      String distributorId,
      PluginCallConfiguration config,
      String field) {
    // Held until the caller's transaction ends: a concurrent claim waits and then sees this one.
    h.createQuery("SELECT id FROM served_paths_lock FOR UPDATE").mapTo(Integer.class).list();
    List<ServedPath> claimed = claims(distributor, repo, config);
    if (claimed.isEmpty()) {
      return;
    }
    Map<String, Distributor> byType = new HashMap<>();
    try (Stream<DistributorRecord> all = store.allDistributors(h)) {
      all.filter(d -> !(d.repoId().equals(repo.id()) && d.id().equals(distributorId)))
          .filter(d -> plugins.hasDistributor(d.typeId()))
          .forEach(d -> refuseOverlap(claimed, d, byType, field));
    }
  }

  private void refuseOverlap(
      List<ServedPath> claimed,
      DistributorRecord other,
      Map<String, Distributor> byType,
      String field) {
    // servedPaths depends on the id and config only, so one instance per type answers for all.
    Distributor plugin = byType.computeIfAbsent(other.typeId(), plugins::newDistributor);
    PluginCallConfiguration config =
        new PluginCallConfiguration(defaults.forPlugin(other.typeId()), other.config(), Map.of());
    List<ServedPath> taken = claims(plugin, Repository.named(other.repoId()), config);
    for (ServedPath mine : claimed) {
      for (ServedPath theirs : taken) {
        if (mine.overlaps(theirs)) {
          throw new InvalidConfig(
              field,
              mine.key()
                  + " "
                  + mine.path()
                  + " conflicts with distributor "
                  + other.id()
                  + " ("
                  + other.typeId()
                  + ") of repository "
                  + other.repoId()
                  + ", served at /pulp/"
                  + theirs.path()
                  + "/",
              List.of(mine.key()));
        }
      }
    }
  }

  private static List<ServedPath> claims(
      Distributor distributor, Repository repo, PluginCallConfiguration config) {
    try {
      List<ServedPath> paths = distributor.servedPaths(repo, config);
      return paths == null ? List.of() : paths;
    } catch (RuntimeException e) {
      throw new PluginFailure(
          "distributor "
              + distributor.metadata().id()
              + " failed to say where repository "
              + repo.id()
              + " is served",
          e);
    }
  }
}
