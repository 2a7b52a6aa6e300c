package dev.depot.server.example;

import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitCriteria;
import dev.depot.plugin.ValidationResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A group distributor for the server's tests: refuses unknown config keys naming them, counts each
 * member's units through the conduit, reports them as progress, and fails when {@code fail: true}.
 */
public final class EchoGroupDistributor implements GroupDistributor {
  /** {@code push_password}: a secret, as a group distributor pushing elsewhere would store. */
  private static final Set<String> KEYS = Set.of("label", "fail", "push_password");

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("echo_group_distributor", "Echo Group Distributor", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(RepositoryGroup group, PluginCallConfiguration config) {
    for (String key : config.repoConfig().keySet()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    return ValidationResult.valid();
  }

  @Override
  public PublishReport publishGroup(
      RepositoryGroup group, GroupPublishConduit conduit, PluginCallConfiguration config) {
    Map<String, Object> counts = new LinkedHashMap<>();
    for (Repository member : conduit.members()) {
      try (Stream<Unit> units = conduit.units(member.id()).units(UnitCriteria.ALL)) {
        counts.put(member.id(), units.count());
      }
    }
    conduit.setProgress(Map.of("units", counts, "working_dir", group.workingDir() != null));
    if (config.getBoolean("fail", false)) {
      return PublishReport.failure("asked to fail", counts);
    }
    return PublishReport.success(counts, counts);
  }
}
