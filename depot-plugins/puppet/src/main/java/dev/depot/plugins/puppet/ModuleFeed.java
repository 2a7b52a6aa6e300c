package dev.depot.plugins.puppet;

import java.net.URI;
import java.nio.file.Path;

/**
 * What a {@code puppet_importer} feed URL points at. A URL whose path ends with {@code
 * PULP_MANIFEST}, or any {@code file://} URL, is a manifest directory; any other is first asked as
 * a Forge ({@link #forge()}), and a {@code 404} there sends the sync to {@code
 * <feed>/PULP_MANIFEST} instead.
 *
 * @param url the feed as configured
 */
record ModuleFeed(URI url) {
  /** The listing of a manifest directory: {@code <file name>,<sha256>,<size>} per line. */
  static final String MANIFEST = "PULP_MANIFEST";

  static ModuleFeed of(String feed) {
    return new ModuleFeed(URI.create(feed));
  }

  /** Whether the URL alone says the feed is a manifest directory, with no Forge to ask. */
  boolean isManifestDirectory() {
    String path = url.getPath() == null ? "" : url.getPath();
    return path.endsWith(MANIFEST) || "file".equalsIgnoreCase(url.getScheme());
  }

  /** The manifest's URL: the feed itself, or {@code PULP_MANIFEST} inside it. */
  URI manifest() {
    return isNamedManifest() ? url : directory().resolve(MANIFEST);
  }

  /** The directory the manifest's file names resolve in, with its trailing slash. */
  URI directory() {
    if (isNamedManifest()) {
      return url.resolve(".");
    }
    String text = url.toString();
    return URI.create(text.endsWith("/") ? text : text + "/");
  }

  /** The Forge API below the feed URL. */
  ForgeUrls forge() {
    return new ForgeUrls(url);
  }

  /**
   * The directory a {@code file://} feed's files must stay inside (a link out of it is refused), or
   * null for a remote feed.
   */
  Path fileRoot() {
    return "file".equalsIgnoreCase(url.getScheme()) ? Path.of(directory()) : null;
  }

  private boolean isNamedManifest() {
    String path = url.getPath() == null ? "" : url.getPath();
    return path.endsWith("/" + MANIFEST) || path.equals(MANIFEST);
  }
}
