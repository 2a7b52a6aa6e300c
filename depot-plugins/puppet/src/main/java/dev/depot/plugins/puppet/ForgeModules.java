package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.depot.plugin.ContentResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Forge's v3 answers about one module or one release, built from the module's releases page
 * (newest first): {@code /v3/modules/<author>-<name>}, which r10k and librarian-puppet read for a
 * module's {@code current_release} and its {@code releases}, and {@code
 * /v3/releases/<author>-<name>-<version>}, which r10k reads for a release's checksums before it
 * installs the tarball.
 */
final class ForgeModules {
  private static final Pattern MODULE = Pattern.compile("([A-Za-z0-9]+)[-/]([a-z][a-z0-9_]*)");
  private static final Pattern RELEASE =
      Pattern.compile("([A-Za-z0-9]+)[-/]([a-z][a-z0-9_]*)-([0-9][0-9A-Za-z.+\\-]*)");

  private ForgeModules() {}

  /** {@code /v3/modules/<slug>}: the module, its newest release whole and every release's link. */
  static ContentResponse module(Path tree, String repoId, String asked) throws IOException {
    Matcher slug = MODULE.matcher(asked);
    JsonNode releases = slug.matches() ? releases(tree, slug.group(1), slug.group(2)) : null;
    if (releases == null || releases.isEmpty()) {
      return ContentResponse.notFound("no module " + asked + " in repository " + repoId);
    }
    return ContentResponse.json(ModuleRelease.JSON.writeValueAsString(moduleJson(releases)));
  }

  /**
   * The Forge's module object, as {@code /v3/modules/<slug>} answers it and {@code /v3/modules}
   * lists it, from the module's releases (newest first, at least one).
   */
  static ObjectNode moduleJson(JsonNode releases) {
    JsonNode current = current(releases);
    ObjectNode module = ModuleRelease.JSON.createObjectNode();
    module.setAll((ObjectNode) current.path("module"));
    JsonNode metadata = current.path("metadata");
    module.set(
        "homepage_url",
        metadata.path("project_page").isTextual() ? metadata.get("project_page") : null);
    module.set(
        "issues_url", metadata.path("issues_url").isTextual() ? metadata.get("issues_url") : null);
    module.putNull("deprecated_for");
    module.putNull("superseded_by");
    module.set("current_release", current);
    ArrayNode list = module.putArray("releases");
    for (JsonNode release : releases) {
      ObjectNode entry = list.addObject();
      for (String field : new String[] {"uri", "slug", "version", "file_uri", "file_size"}) {
        entry.set(field, release.get(field));
      }
      entry.put("supported", false);
      entry.putNull("deleted_at");
    }
    return module;
  }

  /** {@code /v3/releases/<slug>-<version>}: one release as the listings have it. */
  static ContentResponse release(Path tree, String repoId, String asked) throws IOException {
    Matcher slug = RELEASE.matcher(asked);
    JsonNode releases = slug.matches() ? releases(tree, slug.group(1), slug.group(2)) : null;
    if (releases != null) {
      for (JsonNode release : releases) {
        if (release.path("version").asText().equals(slug.group(3))) {
          return ContentResponse.json(ModuleRelease.JSON.writeValueAsString(release));
        }
      }
    }
    return ContentResponse.notFound("no release " + asked + " in repository " + repoId);
  }

  /** The module's releases, newest first, or null when the repository has none of it. */
  private static JsonNode releases(Path tree, String author, String name) throws IOException {
    Path page = ForgeJson.findPage(tree, author, name);
    return page == null ? null : ModuleRelease.JSON.readTree(page.toFile()).path("results");
  }

  /**
   * The Forge's current release: the newest that is no pre-release, the newest of all when every
   * release is one.
   */
  private static JsonNode current(JsonNode releases) {
    for (JsonNode release : releases) {
      String version = release.path("version").asText();
      if (!version.split("\\+", 2)[0].contains("-")) {
        return release;
      }
    }
    return releases.get(0);
  }
}
