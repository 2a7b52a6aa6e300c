package dev.depot.plugins.example;

import dev.depot.plugin.Importer;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Repository;
import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.SyncReport;
import dev.depot.plugin.ValidationResult;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Set;

/**
 * {@code memo_importer}: syncs a repository from a feed directory ({@code http://}, {@code
 * https://} or {@code file://}) holding a {@code SHA256SUMS} list of memos. See {@link MemoSync}
 * for the sync itself.
 */
public final class MemoImporter implements Importer {
  /** The importer type id. */
  public static final String ID = "memo_importer";

  /** The keys the importer takes; any other is refused, so a typo never goes unnoticed. */
  static final Set<String> KEYS = Set.of("feed", "remove_missing");

  // One sync per instance: the platform never reuses an instance, and cancels the one syncing.
  private volatile MemoSync running;
  private volatile boolean cancelled;

  // tag::importer-metadata[]
  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Memo Importer", List.of(MemoTypes.MEMO));
  }

  // end::importer-metadata[]

  // tag::importer-validate[]
  @Override
  public ValidationResult validateConfig(Repository repo, PluginCallConfiguration config) {
    for (String key : config.keys()) {
      if (!KEYS.contains(key)) {
        return ValidationResult.invalid(key + " is not a memo_importer setting", key);
      }
    }
    config.getBoolean("remove_missing"); // a value that is not a boolean throws, naming the key
    String feed = config.getString("feed").orElse(null);
    if (feed != null && !isFeedUrl(feed)) {
      return ValidationResult.invalid(
          "feed must be an http://, https:// or file:/// URL of a directory, not " + feed, "feed");
    }
    return ValidationResult.valid();
  }

  // end::importer-validate[]

  private static boolean isFeedUrl(String feed) {
    try {
      URI uri = new URI(feed);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme();
      return switch (scheme) {
        case "http", "https" -> uri.getHost() != null && uri.getRawUserInfo() == null;
        case "file" -> uri.getPath() != null && uri.getPath().startsWith("/");
        default -> false;
      };
    } catch (URISyntaxException e) {
      return false;
    }
  }

  // tag::importer-sync[]
  @Override
  public SyncReport syncRepo(Repository repo, SyncConduit conduit, PluginCallConfiguration config) {
    String feed =
        config
            .getString("feed")
            .orElseThrow(() -> new IllegalStateException("set a feed before syncing"));
    MemoSync sync = new MemoSync(repo, conduit, config, URI.create(feed));
    running = sync;
    if (cancelled) { // cancelled before the sync existed to hear it
      sync.cancel();
    }
    return sync.run();
  }

  @Override
  public void cancelSyncRepo() {
    cancelled = true;
    MemoSync sync = running;
    if (sync != null) {
      sync.cancel(); // only sets flags and closes streams: returns at once
    }
  }
  // end::importer-sync[]
}
