package dev.depot.plugins.puppet;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.depot.plugin.Unit;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A module release as a {@code puppet_module} unit holds it: its key, what {@code metadata.json}
 * says of it (summary, license, source, project page, dependencies with their version ranges, tags,
 * file checksums) and its tarball's digests, which the Forge API hands to {@code puppet module
 * install} to check its download.
 *
 * @param metadataJson {@code metadata.json} as the module's author wrote it: the Forge API serves
 *     it unchanged as a release's {@code metadata}
 */
record ModuleRelease(
    ModuleId id,
    Map<String, Object> metadata,
    String metadataJson,
    String md5,
    String sha256,
    long size) {
  /**
   * Buffers from a pool all threads share (at most 100 kept): Jackson's default keeps them per
   * thread, and a sync reads each module on a virtual thread of its own, so every read allocated
   * and zeroed fresh ones.
   */
  static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedBoundedPool()).build());

  /** A dependency's name as puppet's metadata check takes it, letters of either case. */
  private static final Pattern DEPENDENCY_NAME =
      Pattern.compile("[a-z0-9]+[-/][a-z][a-z0-9_]*", Pattern.CASE_INSENSITIVE);

  /** Parses {@code metadata.json} (and {@code checksums.json}, newer modules' place for them). */
  static ModuleRelease of(
      byte[] metadataJson, byte[] checksumsJson, String md5, String sha256, long size)
      throws InvalidModuleException {
    JsonNode root = parse(metadataJson, "metadata.json");
    if (!root.isObject()) {
      throw new InvalidModuleException("metadata.json is not a JSON object");
    }
    ModuleId id;
    try {
      id = ModuleId.parse(text(root, "name"), text(root, "version"));
    } catch (IllegalArgumentException e) {
      throw new InvalidModuleException("metadata.json: " + e.getMessage());
    }
    Map<String, Object> metadata = new LinkedHashMap<>();
    for (String field : List.of("summary", "description", "license", "source", "project_page")) {
      String value = text(root, field);
      if (value != null) {
        metadata.put(field, value);
      }
    }
    metadata.put("dependencies", dependencies(root.path("dependencies")));
    metadata.put("tag_list", tags(root.path("tags")));
    JsonNode checksums =
        checksumsJson != null ? parse(checksumsJson, "checksums.json") : root.path("checksums");
    metadata.put(
        "checksums", checksums.isObject() ? JSON.convertValue(checksums, Map.class) : Map.of());
    metadata.put("file_md5", md5);
    metadata.put("file_sha256", sha256);
    metadata.put("file_size", size);
    metadata.put("metadata_json", new String(metadataJson, StandardCharsets.UTF_8));
    return new ModuleRelease(
        id,
        Map.copyOf(metadata),
        new String(metadataJson, StandardCharsets.UTF_8),
        md5,
        sha256,
        size);
  }

  /** The release a stored unit is. */
  static ModuleId idOf(Unit unit) {
    return ModuleId.of(unit.unitKey());
  }

  private static List<Map<String, Object>> dependencies(JsonNode node)
      throws InvalidModuleException {
    List<Map<String, Object>> dependencies = new ArrayList<>();
    if (node.isMissingNode() || node.isNull()) {
      return dependencies;
    }
    if (!node.isArray()) {
      throw new InvalidModuleException("metadata.json: dependencies is not a list");
    }
    for (JsonNode dependency : node) {
      String name = text(dependency, "name");
      if (name == null) {
        throw new InvalidModuleException("metadata.json: a dependency has no name");
      }
      if (!DEPENDENCY_NAME.matcher(name).matches()) {
        // puppet skips such a release as a "Malformed dependency": it could never be installed.
        throw new InvalidModuleException(
            "metadata.json: dependency name '"
                + name
                + "' is not a namespaced module name puppet reads (<author>-<name>)");
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", name);
      String range = text(dependency, "version_requirement");
      if (range != null && !VersionRequirement.readable(range)) {
        throw new InvalidModuleException(
            "metadata.json: the version_requirement of dependency "
                + name
                + " is not a version range puppet reads: '"
                + range
                + "' (e.g. '>= 1.0.0 < 2.0.0', '1.x', '~1.2')");
      }
      entry.put("version_requirement", range == null ? ">= 0.0.0" : range);
      dependencies.add(entry);
    }
    return dependencies;
  }

  private static List<String> tags(JsonNode node) {
    List<String> tags = new ArrayList<>();
    node.forEach(tag -> tags.add(tag.asText()));
    return tags;
  }

  private static JsonNode parse(byte[] json, String what) throws InvalidModuleException {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new InvalidModuleException(what + " is not valid JSON: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw new InvalidModuleException(what + " cannot be read: " + e.getMessage());
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }
}
