package dev.depot.publish.tree;

import dev.depot.plugin.PublishConduit;
import java.util.Map;
import java.util.Optional;

/**
 * Where a distributor's last publish served, kept in its scratchpad: after a {@code relative_url}
 * change, the next publish stops serving the old place ({@link ServedTree#stillServing}), or
 * clients would go on reading a tree that no longer changes. Only the scratchpad remembers it,
 * since the plugin instance that published last time is gone.
 */
public final class PreviousUrl {
  /** The scratchpad key. */
  static final String KEY = ServedTree.RELATIVE_URL;

  private PreviousUrl() {}

  /** Where the last publish served, when that is not {@code url}. */
  public static Optional<RelativeUrl> ifMoved(PublishConduit conduit, RelativeUrl url) {
    Object last = conduit.scratchpad().orElse(Map.of()).get(KEY);
    if (!(last instanceof String old) || old.equals(url.path())) {
      return Optional.empty();
    }
    return Optional.of(RelativeUrl.parse(old));
  }

  /** Records where a successful publish served, for the next one's {@link #ifMoved}. */
  public static void remember(PublishConduit conduit, RelativeUrl url) {
    conduit.setScratchpad(Map.of(KEY, url.path()));
  }
}
