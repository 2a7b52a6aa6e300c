package dev.depot.plugins.puppet;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.depot.plugin.Unit;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Writes the Forge's v3 JSON for a repository's releases: what {@code puppet module install} reads
 * from {@code /v3/releases?module=<author>-<name>} (a page of releases with their {@code metadata},
 * {@code file_uri} and checksums) and what a Depot importer reads back. One page holds every
 * release of a module, so {@code pagination.next} is null.
 */
final class ForgeJson {
  /**
   * Where in a published tree a module's releases page is: {@code forge/v3/releases/<slug>.json}.
   */
  static String releasesPath(String slug) {
    return "forge/v3/releases/" + slug + ".json";
  }

  /**
   * The releases page of module {@code <author>-<name>} in a published tree, its author found
   * without case as the Forge finds modules ({@code module=kestrel-web} answers Kestrel's releases,
   * as {@code owner=} and the importer's queries already compare): the page of that spelling when
   * the tree has one, else the first (by name) of the spellings it has; null when it has none. A
   * Depot syncing from this one with a query spelled otherwise would otherwise mirror nothing.
   */
  static Path findPage(Path tree, String author, String name) throws IOException {
    Path exact = tree.resolve(releasesPath(author + "-" + name));
    if (Files.isRegularFile(exact)) {
      return exact;
    }
    Path dir = exact.getParent();
    if (!Files.isDirectory(dir)) {
      return null;
    }
    return PageSpellings.find(dir, author + "-" + name + ".json");
  }

  /** The slug a page found by {@link #findPage} is of: its file name without {@code .json}. */
  static String slugOf(Path page) {
    String file = page.getFileName().toString();
    return file.substring(0, file.length() - ".json".length());
  }

  /** The download path of a release, below the Forge API's root; puppet appends it to that root. */
  static String fileUri(ModuleId id) {
    return "/v3/files/" + id.fileName();
  }

  private ForgeJson() {}

  /** A page of {@code releases} of one module, all of them. */
  static void writePage(List<Unit> releases, String slug, OutputStream out) throws IOException {
    try (JsonGenerator json = ModuleRelease.JSON.createGenerator(out)) {
      json.writeStartObject();
      json.writeObjectFieldStart("pagination");
      String current = "/v3/releases?module=" + slug;
      json.writeNumberField("limit", Math.max(releases.size(), 1));
      json.writeNumberField("offset", 0);
      json.writeStringField("first", current);
      json.writeNullField("previous");
      json.writeStringField("current", current);
      json.writeNullField("next");
      json.writeNumberField("total", releases.size());
      json.writeEndObject();
      json.writeArrayFieldStart("results");
      for (Unit unit : releases) {
        writeRelease(json, unit);
      }
      json.writeEndArray();
      json.writeEndObject();
    }
  }

  private static void writeRelease(JsonGenerator json, Unit unit) throws IOException {
    ModuleId id = ModuleRelease.idOf(unit);
    Map<String, Object> meta = unit.metadata();
    json.writeStartObject();
    json.writeStringField("uri", "/v3/releases/" + id.releaseSlug());
    json.writeStringField("slug", id.releaseSlug());
    json.writeStringField("version", id.version());
    json.writeObjectFieldStart("module");
    json.writeStringField("uri", "/v3/modules/" + id.slug());
    json.writeStringField("slug", id.slug());
    json.writeStringField("name", id.name());
    json.writeNullField("deprecated_at");
    json.writeObjectFieldStart("owner");
    json.writeStringField("slug", id.author());
    json.writeStringField("username", id.author());
    json.writeEndObject();
    json.writeEndObject();
    json.writeFieldName("metadata");
    json.writeTree(metadataJson(meta));
    json.writeStringField("file_uri", fileUri(id));
    json.writeObjectField("file_size", meta.get("file_size"));
    json.writeObjectField("file_md5", meta.get("file_md5"));
    json.writeObjectField("file_sha256", meta.get("file_sha256"));
    json.writeObjectField("tags", meta.getOrDefault("tag_list", List.of()));
    json.writeEndObject();
  }

  private static JsonNode metadataJson(Map<String, Object> meta) throws IOException {
    return ModuleRelease.JSON.readTree((String) meta.get("metadata_json"));
  }
}
