package dev.depot.plugins.puppet;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.testkit.PublishContract;
import dev.depot.plugin.testkit.UnitSpec;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** puppet_distributor keeps the behaviour contract every served-tree distributor keeps. */
class PuppetDistributorContractTest implements PublishContract {
  @Override
  public Distributor newDistributor() {
    return new PuppetDistributor();
  }

  @Override
  public Map<String, Object> validConfig() {
    return Map.of("serve_http", true, "serve_https", true, "absolute_path", "/pulp/puppet/");
  }

  @Override
  public Map<String, Map<String, Object>> invalidConfigs() {
    return Map.of(
        "serve_http", Map.of("serve_http", "sometimes"),
        "absolute_path", Map.of("absolute_path", "pulp/../puppet"),
        "relative_url", Map.of("relative_url", "elsewhere")); // the tree is at the repo's id
  }

  /** A release of {@code contract-<name>} at 1.0.0 whose tarball holds {@code content}. */
  @Override
  public UnitSpec unitFor(String name, byte[] content) {
    ModuleId id = new ModuleId("contract", moduleName(name), "1.0.0");
    Map<String, Object> metadata = new LinkedHashMap<>();
    metadata.put("metadata_json", TestModules.metadata("contract", id.name(), "1.0.0"));
    metadata.put("file_md5", hex("MD5", content));
    metadata.put("file_sha256", hex("SHA-256", content));
    metadata.put("file_size", (long) content.length);
    metadata.put("tag_list", List.of());
    metadata.put("dependencies", List.of());
    return new UnitSpec(PuppetTypes.MODULE, id.unitKey(), metadata, id.fileName());
  }

  private static String moduleName(String name) {
    String clean = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    return Character.isLetter(clean.charAt(0)) ? clean : "m" + clean;
  }

  private static String hex(String algorithm, byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String utf8(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
