package dev.depot.plugin.testkit;

import dev.depot.plugin.UploadConduit;

/**
 * An {@link UploadConduit} over an {@link InMemoryContent}: what {@code Importer.uploadUnit} gets
 * in a plugin's own tests. Get one from {@link InMemoryContent#uploadConduit()}.
 */
public final class InMemoryUploadConduit extends InMemoryConduit implements UploadConduit {
  InMemoryUploadConduit(InMemoryContent content, String pluginKey) {
    super(content, pluginKey);
  }
}
