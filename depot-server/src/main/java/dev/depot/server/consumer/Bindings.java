package dev.depot.server.consumer;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.server.db.Json;
import dev.depot.server.db.ObjectIds;
import dev.depot.server.db.Timestamps;
import dev.depot.server.error.InvalidValue;
import dev.depot.server.error.MissingResource;
import dev.depot.server.error.PluginFailure;
import dev.depot.server.plugin.PluginDefaults;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.repo.DistributorRecord;
import dev.depot.server.repo.DistributorRemoval;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryStore;
import dev.depot.server.repo.RepositoryViews;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bindings of consumers to distributors. A binding stores only who is bound to what and the
 * consumer's binding config; what the consumer needs to reach the repository (the distributor's
 * consumer payload) is computed at every read from the distributor's current config, so a
 * reconfigured distributor shows in the next read.
 */
public final class Bindings implements DistributorRemoval {
  private static final Logger LOG = LoggerFactory.getLogger(Bindings.class);

  private final Jdbi jdbi;
  private final RepositoryStore repos;
  private final RepositoryViews views;
  private final PluginRegistry plugins;
  private final PluginDefaults defaults;
  private final ConsumerHistory history;

  /** Wires the service. */
  public Bindings(
      Jdbi jdbi,
      RepositoryStore repos,
      RepositoryViews views,
      PluginRegistry plugins,
      PluginDefaults defaults,
      ConsumerHistory history) {
    this.jdbi = jdbi;
    this.repos = repos;
    this.views = views;
    this.plugins = plugins;
    this.defaults = defaults;
    this.history = history;
  }

  /**
   * A binding as a consumer reads it.
   *
   * @param binding the stored binding
   * @param typeId the distributor's type
   * @param details the distributor's consumer payload for this binding
   */
  public record Bound(BindingRecord binding, String typeId, Map<String, Object> details) {}

  /**
   * Binds a consumer to a distributor; binding again replaces the binding config (idempotent, as in
   * Pulp).
   *
   * @throws MissingResource naming the consumer, repository or distributor that does not exist
   */
  public BindingRecord bind(
      String consumerId,
      String repoId,
      String distributorId,
      Map<String, Object> bindingConfig,
      boolean notifyAgent,
      String originator) {
    BindingRecord bound =
        jdbi.inTransaction(
            h -> {
              Consumers.require(h, consumerId);
              requireDistributor(h, repoId, distributorId);
              return bind(
                  h, consumerId, repoId, distributorId, bindingConfig, notifyAgent, originator);
            });
    LOG.info(
        "Bound consumer {} to distributor {} of repository {}", consumerId, distributorId, repoId);
    return bound;
  }

  private BindingRecord bind(
      Handle h,
      String consumerId,
      String repoId,
      String distributorId,
      Map<String, Object> bindingConfig,
      boolean notifyAgent,
      String originator) {
    Optional<BindingRecord> existing = find(h, consumerId, repoId, distributorId);
    BindingRecord binding =
        new BindingRecord(
            consumerId,
            repoId,
            distributorId,
            existing.map(BindingRecord::oid).orElseGet(ObjectIds::next),
            notifyAgent,
            bindingConfig == null ? Map.of() : bindingConfig,
            Timestamps.now());
    if (existing.isPresent()) {
      h.createUpdate(
              "UPDATE consumer_bindings SET notify_agent = :notify, binding_config ="
                  + " :config WHERE consumer_id = :c AND repo_id = :r AND"
                  + " distributor_id = :d")
          .bindMap(keys(binding))
          .bind("notify", notifyAgent)
          .bind("config", Json.write(binding.bindingConfig()))
          .execute();
    } else {
      h.createUpdate(
              "INSERT INTO consumer_bindings (consumer_id, repo_id, distributor_id, oid,"
                  + " notify_agent, binding_config, created) VALUES (:c, :r, :d, :oid,"
                  + " :notify, :config, :created)")
          .bindMap(keys(binding))
          .bind("oid", binding.oid())
          .bind("notify", notifyAgent)
          .bind("config", Json.write(binding.bindingConfig()))
          .bind("created", Timestamps.arg(binding.created()))
          .execute();
    }
    history.record(h, consumerId, "repo_bound", originator, details(binding));
    return binding;
  }

  /**
   * Binds every listed consumer to a distributor in one transaction, as a consumer group's bind
   * does; each binding is as {@link #bind} makes it.
   *
   * @throws InvalidValue naming {@code repo_id} or {@code distributor_id} when either does not
   *     exist (Pulp answers a group bind to a missing repository with 400, not 404)
   */
  public List<BindingRecord> bindAll(
      List<String> consumerIds,
      String repoId,
      String distributorId,
      Map<String, Object> bindingConfig,
      boolean notifyAgent,
      String originator) {
    List<BindingRecord> bound =
        jdbi.inTransaction(
            h -> {
              requireDistributorValue(h, repoId, distributorId);
              List<BindingRecord> all = new ArrayList<>();
              for (String consumerId : consumerIds) {
                Consumers.require(h, consumerId);
                all.add(
                    bind(
                        h,
                        consumerId,
                        repoId,
                        distributorId,
                        bindingConfig,
                        notifyAgent,
                        originator));
              }
              return all;
            });
    LOG.info(
        "Bound consumers {} to distributor {} of repository {}",
        consumerIds,
        distributorId,
        repoId);
    return bound;
  }

  /**
   * Unbinds every listed consumer from a distributor in one transaction; a consumer not bound to it
   * is left alone.
   *
   * @return the consumers that were unbound
   * @throws InvalidValue naming {@code repo_id} or {@code distributor_id} when either does not
   *     exist
   */
  public List<String> unbindAll(
      List<String> consumerIds, String repoId, String distributorId, String originator) {
    List<String> unbound =
        jdbi.inTransaction(
            h -> {
              requireDistributorValue(h, repoId, distributorId);
              List<String> done = new ArrayList<>();
              for (String consumerId : consumerIds) {
                Optional<BindingRecord> binding = find(h, consumerId, repoId, distributorId);
                if (binding.isPresent()) {
                  delete(h, binding.get(), originator, history);
                  done.add(consumerId);
                }
              }
              return done;
            });
    LOG.info(
        "Unbound consumers {} from distributor {} of repository {}",
        unbound,
        distributorId,
        repoId);
    return unbound;
  }

  private void requireDistributorValue(Handle h, String repoId, String distributorId) {
    if (repos.find(h, repoId).isEmpty()) {
      throw InvalidValue.of("Repository " + repoId + " does not exist", "repo_id");
    }
    if (repos.distributor(h, repoId, distributorId).isEmpty()) {
      throw InvalidValue.of(
          "Repository " + repoId + " has no distributor " + distributorId, "distributor_id");
    }
  }

  /** A consumer's bindings with their payloads (404 if the consumer is not registered). */
  public List<Bound> ofConsumer(String consumerId, String repoIdOrNull) {
    return jdbi.withHandle(
        h -> {
          Consumers.require(h, consumerId);
          List<BindingRecord> all = ofConsumer(h, consumerId);
          if (repoIdOrNull != null) {
            all = all.stream().filter(b -> b.repoId().equals(repoIdOrNull)).toList();
          }
          return all.stream().map(b -> bound(h, b)).toList();
        });
  }

  /** One binding with its payload. */
  public Bound get(String consumerId, String repoId, String distributorId) {
    return jdbi.withHandle(h -> bound(h, require(h, consumerId, repoId, distributorId)));
  }

  /** A repository's bindings with their payloads (404 if the repository is missing). */
  public List<Bound> ofRepository(String repoId) {
    return jdbi.withHandle(
        h -> {
          if (repos.find(h, repoId).isEmpty()) {
            throw MissingResource.of("repository", repoId);
          }
          return h
              .createQuery(
                  "SELECT * FROM consumer_bindings WHERE repo_id = :r ORDER BY consumer_id,"
                      + " distributor_id")
              .bind("r", repoId)
              .map((rs, ctx) -> binding(rs))
              .list()
              .stream()
              .map(b -> bound(h, b))
              .toList();
        });
  }

  /** Unbinds now (there is no agent to confirm), recording it in the consumer's history. */
  public void unbind(String consumerId, String repoId, String distributorId, String originator) {
    jdbi.useTransaction(
        h -> delete(h, require(h, consumerId, repoId, distributorId), originator, history));
    LOG.info(
        "Unbound consumer {} from distributor {} of repository {}",
        consumerId,
        distributorId,
        repoId);
  }

  @Override
  public void removing(Handle h, String repoId, String distributorId) {
    List<BindingRecord> bound =
        h.createQuery("SELECT * FROM consumer_bindings WHERE repo_id = :r AND distributor_id = :d")
            .bind("r", repoId)
            .bind("d", distributorId)
            .map((rs, ctx) -> binding(rs))
            .list();
    for (BindingRecord binding : bound) {
      delete(h, binding, ConsumerHistory.SYSTEM, history);
      LOG.info(
          "Unbound consumer {} from removed distributor {} of repository {}",
          binding.consumerId(),
          distributorId,
          repoId);
    }
  }

  static void delete(Handle h, BindingRecord binding, String originator, ConsumerHistory history) {
    h.createUpdate(
            "DELETE FROM consumer_bindings WHERE consumer_id = :c AND repo_id = :r AND"
                + " distributor_id = :d")
        .bindMap(keys(binding))
        .execute();
    history.record(h, binding.consumerId(), "repo_unbound", originator, details(binding));
  }

  static List<BindingRecord> ofConsumer(Handle h, String consumerId) {
    return h.createQuery(
            "SELECT * FROM consumer_bindings WHERE consumer_id = :c ORDER BY repo_id,"
                + " distributor_id")
        .bind("c", consumerId)
        .map((rs, ctx) -> binding(rs))
        .list();
  }

  private Bound bound(Handle h, BindingRecord binding) {
    RepositoryRecord repo =
        repos
            .find(h, binding.repoId())
            .orElseThrow(() -> MissingResource.of("repository", binding.repoId()));
    DistributorRecord distributor =
        requireDistributor(h, binding.repoId(), binding.distributorId());
    Map<String, Object> details = null;
    if (plugins.hasDistributor(distributor.typeId())) {
      Distributor plugin = plugins.newDistributor(distributor.typeId());
      PluginCallConfiguration config =
          new PluginCallConfiguration(
              defaults.forPlugin(distributor.typeId()), distributor.config(), Map.of());
      try {
        details =
            plugin.createConsumerPayload(
                views.view(h, repo),
                config,
                binding.bindingConfig(),
                distributor.published() == null ? List.of() : distributor.published());
      } catch (RuntimeException e) {
        throw new PluginFailure(
            "distributor " + distributor.typeId() + " failed to create the consumer payload", e);
      }
    }
    return new Bound(binding, distributor.typeId(), details);
  }

  private DistributorRecord requireDistributor(Handle h, String repoId, String distributorId) {
    if (repos.find(h, repoId).isEmpty()) {
      throw MissingResource.of("repository", repoId);
    }
    return repos
        .distributor(h, repoId, distributorId)
        .orElseThrow(() -> MissingResource.of("repository", repoId, "distributor", distributorId));
  }

  private static BindingRecord require(
      Handle h, String consumerId, String repoId, String distributorId) {
    Consumers.require(h, consumerId);
    return find(h, consumerId, repoId, distributorId)
        .orElseThrow(
            () -> {
              Map<String, Object> missing = new LinkedHashMap<>();
              missing.put("consumer_id", consumerId);
              missing.put("repo_id", repoId);
              missing.put("distributor_id", distributorId);
              return new MissingResource(missing);
            });
  }

  private static Optional<BindingRecord> find(
      Handle h, String consumerId, String repoId, String distributorId) {
    return h.createQuery(
            "SELECT * FROM consumer_bindings WHERE consumer_id = :c AND repo_id = :r AND"
                + " distributor_id = :d")
        .bind("c", consumerId)
        .bind("r", repoId)
        .bind("d", distributorId)
        .map((rs, ctx) -> binding(rs))
        .findOne();
  }

  private static Map<String, Object> keys(BindingRecord binding) {
    return Map.of("c", binding.consumerId(), "r", binding.repoId(), "d", binding.distributorId());
  }

  private static Map<String, Object> details(BindingRecord binding) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("repo_id", binding.repoId());
    details.put("distributor_id", binding.distributorId());
    return details;
  }

  private static BindingRecord binding(ResultSet rs) throws SQLException {
    return new BindingRecord(
        rs.getString("consumer_id"),
        rs.getString("repo_id"),
        rs.getString("distributor_id"),
        rs.getString("oid"),
        rs.getBoolean("notify_agent"),
        Json.readMap(rs.getString("binding_config")),
        Timestamps.read(rs, "created"));
  }
}
