package dev.depot.server.repo;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfigValueException;
import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ValidationResult;
import dev.depot.server.error.InvalidConfig;
import dev.depot.server.error.PluginFailure;
import dev.depot.server.plugin.PluginDefaults;
import dev.depot.server.plugin.PluginRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls into plugins around configuration: validation and the added/removed hooks, turning their
 * outcomes into the platform's errors in one place.
 */
final class PluginCalls {
  private static final Logger LOG = LoggerFactory.getLogger(PluginCalls.class);

  private final PluginDefaults defaults;
  private final RepositoryStore store;
  private final ServedPathClaims claims;

  PluginCalls(PluginDefaults defaults, RepositoryStore store, PluginRegistry plugins) {
    this.defaults = defaults;
    this.store = store;
    this.claims = new ServedPathClaims(plugins, defaults, store);
  }

  PluginCallConfiguration config(String pluginId, Map<String, Object> repoConfig) {
    return new PluginCallConfiguration(defaults.forPlugin(pluginId), repoConfig, Map.of());
  }

  /** Validates an importer config; refuses with the plugin's message naming {@code field}. */
  void validate(Importer importer, Repository repo, PluginCallConfiguration config, String field) {
    ValidationResult result;
    try {
      result = importer.validateConfig(repo, config);
    } catch (ConfigValueException e) {
      result = ValidationResult.invalid(e.getMessage(), e.key());
    } catch (RuntimeException e) {
      throw new PluginFailure(
          "importer " + importer.metadata().id() + " failed while validating its config", e);
    }
    refuseIfInvalid(result, field);
  }

  /**
   * Validates a distributor config against the other distributors of its type: those of other
   * repositories and those of the same repository but {@code distributorId} itself (so an update
   * never conflicts with the config it replaces), and any sibling by id, of any type; then its
   * served paths against every other distributor's, of any type.
   */
  void validate(
      Handle h,
      Distributor distributor,
      Repository repo,
      String distributorId,
      PluginCallConfiguration config,
      String field) {
    String typeId = distributor.metadata().id();
    ConfigConduit conduit =
        new ConfigConduit() {
          @Override
          public Stream<ConfiguredDistributor> otherDistributors() {
            return store
                .distributorsOfType(h, typeId, repo.id())
                .map(d -> new ConfiguredDistributor(d.repoId(), d.id(), d.config()));
          }

          @Override
          public Stream<ConfiguredDistributor> siblingDistributors() {
            return store.distributors(h, repo.id()).stream()
                .filter(d -> d.typeId().equals(typeId) && !d.id().equals(distributorId))
                .map(d -> new ConfiguredDistributor(d.repoId(), d.id(), d.config()));
          }

          @Override
          public Optional<String> distributorId() {
            return Optional.ofNullable(distributorId);
          }

          @Override
          public Optional<ConfiguredDistributor> sibling(String siblingId) {
            // Read in the validating transaction: a repository created with several distributors
            // sees those of the same request attached before this one.
            return siblingId == null || siblingId.equals(distributorId)
                ? Optional.empty()
                : store
                    .distributor(h, repo.id(), siblingId)
                    .map(
                        d -> new ConfiguredDistributor(d.repoId(), d.id(), d.config(), d.typeId()));
          }
        };
    ValidationResult result;
    try {
      result = distributor.validateConfig(repo, config, conduit);
    } catch (ConfigValueException e) {
      result = ValidationResult.invalid(e.getMessage(), e.key());
    } catch (RuntimeException e) {
      throw new PluginFailure("distributor " + typeId + " failed while validating its config", e);
    }
    refuseIfInvalid(result, field);
    // Only the platform sees every type's distributors: a path another type serves is taken too.
    claims.check(h, distributor, repo, distributorId, config, field);
  }

  private static void refuseIfInvalid(ValidationResult result, String field) {
    switch (result) {
      case ValidationResult.Valid valid -> {}
      case ValidationResult.Invalid invalid ->
          throw new InvalidConfig(field, invalid.message(), invalid.fields());
    }
  }

  void importerAdded(Importer importer, Repository repo, PluginCallConfiguration config) {
    try {
      importer.importerAdded(repo, config);
    } catch (RuntimeException e) {
      throw new PluginFailure("importer " + importer.metadata().id() + " refused to be added", e);
    }
  }

  /**
   * Sets an importer up again after its replacement failed: its removed-hook ran, yet it stays
   * configured. Runs while a failure is being reported, so a refusal is logged, not thrown.
   */
  void importerReinstated(Importer importer, Repository repo, PluginCallConfiguration config) {
    cleanUp(
        () -> importer.importerAdded(repo, config),
        "importer %s was told it was removed from repository %s, its replacement failed, and it"
                .formatted(importer.metadata().id(), repo.id())
            + " refused to be set up again: sync it, or set it again, before relying on it");
  }

  void distributorAdded(Distributor distributor, Repository repo, PluginCallConfiguration config) {
    try {
      distributor.distributorAdded(repo, config);
    } catch (RuntimeException e) {
      throw new PluginFailure(
          "distributor " + distributor.metadata().id() + " refused to be added", e);
    }
  }

  /** Clean-up hooks never stop a removal: failures are logged with the ids. */
  void importerRemoved(Importer importer, Repository repo, PluginCallConfiguration config) {
    cleanUp(
        () -> importer.importerRemoved(repo, config),
        "importer " + importer.metadata().id() + " failed to clean up repository " + repo.id());
  }

  void distributorRemoved(
      Distributor distributor,
      String distributorId,
      Repository repo,
      PluginCallConfiguration config) {
    cleanUp(
        () -> distributor.distributorRemoved(repo, distributorId, config),
        "distributor %s (%s) failed to clean up repository %s"
            .formatted(distributorId, distributor.metadata().id(), repo.id()));
  }

  void groupDistributorRemoved(
      GroupDistributor distributor,
      String distributorId,
      RepositoryGroup group,
      PluginCallConfiguration config) {
    cleanUp(
        () -> distributor.distributorRemoved(group, distributorId, config),
        "group distributor %s (%s) failed to clean up repository group %s"
            .formatted(distributorId, distributor.metadata().id(), group.id()));
  }

  private static void cleanUp(Runnable hook, String failure) {
    try {
      hook.run();
    } catch (RuntimeException e) {
      LOG.warn(failure, e);
    }
  }
}
