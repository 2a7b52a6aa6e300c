package dev.depot.plugins.puppet;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * The URLs of a Forge's v3 API below a feed URL. The feed may carry a path prefix (another Depot's
 * per-repository Forge, {@code http://depot/pulp_puppet/forge/repository/<repo_id>}): the API's
 * paths are appended to it. Paths the API hands back ({@code pagination.next}, {@code file_uri})
 * are relative to the Forge's root and resolved as puppet does: the feed URL, its trailing slash
 * removed, followed by the path; a path that already starts with the feed's prefix is not prefixed
 * twice.
 */
final class ForgeUrls {
  /** Releases asked per page: the Forge's own maximum. */
  static final int PAGE_SIZE = 100;

  private final String origin; // scheme://authority
  private final String prefix; // the feed's path, no trailing slash; "" at the server's root

  ForgeUrls(URI feed) {
    this.origin = feed.getScheme() + "://" + feed.getRawAuthority();
    String path = feed.getRawPath() == null ? "" : feed.getRawPath();
    this.prefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /**
   * The first page of the releases of module {@code author-name} (or {@code author/name}), or of
   * every release of the Forge for null.
   */
  URI releases(String module) {
    String filter = module == null ? "" : "module=" + encode(module.replace('/', '-')) + "&";
    return URI.create(origin + prefix + "/v3/releases?" + filter + "limit=" + PAGE_SIZE);
  }

  /** The first page of the Forge's search for modules, {@code /v3/modules?query=<text>}. */
  URI search(String text) {
    return URI.create(
        origin + prefix + "/v3/modules?query=" + encode(text) + "&limit=" + PAGE_SIZE);
  }

  /** Where the Forge would keep a PULP_MANIFEST if the feed is a directory after all. */
  URI manifest() {
    return URI.create(origin + prefix + "/" + ModuleFeed.MANIFEST);
  }

  /** A path the API handed back, as a URL. */
  URI resolve(String path) {
    if (path.startsWith("http://") || path.startsWith("https://")) {
      return URI.create(path);
    }
    String absolute = path.startsWith("/") ? path : "/" + path;
    if (!prefix.isEmpty() && (absolute.startsWith(prefix + "/") || absolute.equals(prefix))) {
      return URI.create(origin + absolute);
    }
    return URI.create(origin + prefix + absolute);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
