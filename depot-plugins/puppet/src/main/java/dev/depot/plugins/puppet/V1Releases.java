package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.depot.plugin.ContentRequest;
import dev.depot.plugin.ContentResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Set;

/**
 * Pulp's Forge v1 answer, {@code /api/v1/releases.json?module=<author>/<name>[&version=]}, for
 * older puppet clients: the module's releases (or the one asked) and, transitively, every release
 * of each module they depend on, as {@code {"author/name": [{"file", "version", "dependencies":
 * [[name, range]]}]}} with {@code file} the release's path in the static tree.
 */
final class V1Releases {
  private V1Releases() {}

  static ContentResponse answer(Path tree, String repoId, ContentRequest request)
      throws IOException {
    String module = request.parameter("module").orElse("");
    if (!module.matches("[A-Za-z0-9]+[-/][a-z][a-z0-9_]*")) {
      return ContentResponse.error(400, "module must be <author>/<name>: " + module);
    }
    String version = request.parameter("version").orElse(null);
    ObjectNode answer = ModuleRelease.JSON.createObjectNode();
    Deque<String> wanted = new ArrayDeque<>();
    Set<String> seen = new HashSet<>();
    wanted.add(module.replace('/', '-'));
    boolean first = true;
    while (!wanted.isEmpty()) {
      String slug = wanted.poll();
      if (!seen.add(slug)) {
        continue;
      }
      Path page = tree.resolve(ForgeJson.releasesPath(slug));
      if (!Files.isRegularFile(page)) {
        if (first) {
          return ContentResponse.notFound("module " + module + " is not in repository " + repoId);
        }
        continue; // a dependency the repository lacks: puppet reports it, naming it
      }
      ArrayNode releases = answer.putArray(slug.replaceFirst("-", "/"));
      for (JsonNode release : ModuleRelease.JSON.readTree(page.toFile()).path("results")) {
        if (first && version != null && !version.equals(release.path("version").asText())) {
          continue;
        }
        releases.add(v1Release(repoId, release, wanted));
      }
      first = false;
    }
    return ContentResponse.json(ModuleRelease.JSON.writeValueAsString(answer));
  }

  private static ObjectNode v1Release(String repoId, JsonNode release, Deque<String> wanted) {
    ObjectNode v1 = ModuleRelease.JSON.createObjectNode();
    String author = release.path("module").path("owner").path("username").asText();
    String file = release.path("file_uri").asText().replaceFirst("^/v3/files/", "");
    v1.put(
        "file",
        "/pulp/puppet/"
            + repoId
            + "/system/releases/"
            + author.charAt(0)
            + "/"
            + author
            + "/"
            + file);
    v1.put("version", release.path("version").asText());
    ArrayNode dependencies = v1.putArray("dependencies");
    for (JsonNode dependency : release.path("metadata").path("dependencies")) {
      String name = dependency.path("name").asText();
      dependencies
          .addArray()
          .add(name.replace('-', '/'))
          .add(dependency.path("version_requirement").asText(">= 0.0.0"));
      wanted.add(name.replace('/', '-'));
    }
    return v1;
  }
}
