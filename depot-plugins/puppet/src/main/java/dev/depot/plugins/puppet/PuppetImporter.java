package dev.depot.plugins.puppet;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.UploadConduit;
import dev.depot.plugin.UploadReport;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.feed.FeedImporter;
import dev.depot.publish.feed.FeedKeys;
import dev.depot.publish.feed.FeedSettings;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code puppet_importer}: takes module tarballs by upload, and syncs from a Puppet Forge (its v3
 * API) or a directory holding a {@code PULP_MANIFEST}, limited by {@code queries}. Besides {@code
 * queries} it takes the keys every remote-fed type shares and refuses any other, naming it.
 */
public final class PuppetImporter extends FeedImporter {
  /** The importer type id. */
  public static final String ID = "puppet_importer";

  private static final FeedKeys KEYS = FeedKeys.standard().withExtraKeys(Queries.KEY);

  /** As the plugin registry makes it. */
  public PuppetImporter() {
    super(KEYS);
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Puppet Importer", List.of(PuppetTypes.MODULE));
  }

  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    ConfigCheck check = new ConfigCheck(config);
    KEYS.check(check);
    Queries.check(check);
    return check.result();
  }

  @Override
  protected Sync newSync(
      Repository repo, SyncConduit conduit, FeedSettings feed, PluginCallConfiguration config) {
    return new ModuleSync(repo, conduit, feed, Queries.of(config));
  }

  /** Never called: the sync needs {@code queries}, which the four-argument one reads. */
  @Override
  protected Sync newSync(Repository repo, SyncConduit conduit, FeedSettings feed) {
    return newSync(repo, conduit, feed, PluginCallConfiguration.of(Map.of()));
  }

  @Override
  public UploadReport uploadUnit(
      Repository repo,
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      Path file,
      UploadConduit conduit,
      PluginCallConfiguration config) {
    return ModuleUpload.importFile(typeId, unitKey, file, conduit);
  }
}
