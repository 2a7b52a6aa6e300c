package dev.depot.plugin.testkit;

import dev.depot.plugin.ConfigConduit;
import dev.depot.plugin.ConfiguredDistributor;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.ValidationResult;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A distributor with one key, {@code relative_url}, which must not be another repository's. It
 * keeps the contract unless built {@code leaky}: then it never closes the conduit's stream.
 */
public final class SampleDistributor implements Distributor {
  private final boolean leaky;

  /** The well-behaved distributor, as ServiceLoader creates it. */
  public SampleDistributor() {
    this(false);
  }

  SampleDistributor(boolean leaky) {
    this.leaky = leaky;
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata("sample_distributor", "Sample Distributor", List.of("note"));
  }

  @Override
  public ValidationResult validateConfig(
      Repository repo, PluginCallConfiguration config, ConfigConduit conduit) {
    for (String key : config.repoConfig().keySet()) {
      if (!Set.of("relative_url").contains(key)) {
        return ValidationResult.invalid("Unknown configuration key: " + key, key);
      }
    }
    String url = config.getString("relative_url").orElse(repo.id());
    Stream<ConfiguredDistributor> others = conduit.otherDistributors();
    boolean taken = others.anyMatch(d -> url.equals(d.config().get("relative_url")));
    if (!leaky) {
      others.close();
    }
    return taken
        ? ValidationResult.invalid("relative_url " + url + " is taken", "relative_url")
        : ValidationResult.valid();
  }
}
