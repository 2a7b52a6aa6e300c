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
 *
 * <p>Which kind of feed: a feed whose path ends with {@code PULP_MANIFEST}, or any {@code file://}
 * feed, is a manifest directory. Any other is asked as a Forge, {@code <feed>/v3/releases?...} (the
 * feed's path kept as a prefix); if that answers {@code 404}, the sync reads {@code
 * <feed>/PULP_MANIFEST} instead.
 *
 * <p>{@code queries} are Pulp's: search terms, each run on its own, the sync mirroring every
 * release of every module any of them finds. A term of the form {@code author-name} (or {@code
 * author/name}) names one module exactly, and a Forge is asked for it ({@code ?module=}). Any other
 * term is free text: a Forge is asked its own search, {@code /v3/modules?query=<term>} (Pulp asked
 * the Forge's older {@code modules.json?q=<term>}; the public Forge matches module names, owners,
 * tags and more), and every release of each module found is listed. Without queries, a Forge is
 * asked for all its releases. A manifest has no search: there a free-text term matches a tarball
 * whose author or name contains it, without case ({@code stdlib} matches {@code
 * puppetlabs-stdlib-4.1.0.tar.gz}), an {@code author-name} term the tarballs of that module. They
 * are chosen by their file name, {@code <author>-<name>-<version>.tar.gz}, before anything is
 * downloaded; a tarball not named that way is downloaded and kept only if its {@code metadata.json}
 * matches. (Pulp ignored {@code queries} for a manifest feed and took every tarball; Depot applies
 * them, so one repository's config means the same of either kind of feed.) A query that matches no
 * module is said in the sync's summary and progress, {@code warnings}: the sync still succeeds, but
 * not silently. Dependencies are not followed.
 *
 * <p>Every tarball is checked against its listing's SHA-256 (a Forge without one: its MD5) and size
 * while {@code validate} is on (the default), then read whole: a tarball with an entry escaping the
 * archive, a corrupt gzip stream or a {@code metadata.json} naming another release than the Forge
 * claims fails, named in the report, and nothing of it is stored. With {@code remove_missing}, the
 * releases the feed as the queries limit it no longer offers leave the repository (not when a
 * tarball failed: the picture would be incomplete).
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
