package dev.depot.server.example;

import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.ValidationResult;
import java.util.List;

/**
 * A test-only group distributor, {@code bundle_group_distributor}, that claims {@code
 * /pulp/shared/<relative_url>/} (by default {@code shared/groups/<group id>}), where the {@link
 * ClaimingDistributors} of repositories serve too: the platform's served-path check must weigh
 * repository and group distributors against each other.
 */
public final class ClaimingGroupDistributor implements GroupDistributor {
  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("bundle_group_distributor", "Bundle", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(RepositoryGroup group, PluginCallConfiguration config) {
    for (String key : config.repoConfig().keySet()) {
      if (!key.equals("relative_url")) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    return ValidationResult.valid();
  }

  @Override
  public List<ServedPath> servedPaths(RepositoryGroup group, PluginCallConfiguration config) {
    String url = config.getString("relative_url").orElse("groups/" + group.id());
    return List.of(new ServedPath("relative_url", "shared/" + url));
  }

  @Override
  public PublishReport publishGroup(
      RepositoryGroup group, GroupPublishConduit conduit, PluginCallConfiguration config) {
    return PublishReport.success("nothing to publish", null);
  }
}
