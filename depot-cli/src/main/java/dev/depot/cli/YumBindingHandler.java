package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Bindings of {@code yum_distributor}: the config keeps the payload's protocols and URLs, the CA to
 * trust goes to its own file, and bind writes {@code etc/yum.repos.d/depot-<repo>.repo} under the
 * root, which dnf and yum read as they are (HTTPS preferred, trusting Depot's CA). When the
 * distributor hands out GPG keys ({@code gpgkey}), each goes to {@code
 * etc/pki/rpm-gpg/depot-<repo>-<name>} and the repository checks signatures ({@code gpgcheck=1});
 * otherwise it does not. A yum repository is fetched by dnf itself, not by {@code depot consumer
 * fetch}.
 */
public final class YumBindingHandler implements BindingHandler {
  /** Found by {@link java.util.ServiceLoader}. */
  public YumBindingHandler() {}

  @Override
  public String distributorTypeId() {
    return "yum_distributor";
  }

  @Override
  public void writeConfig(JsonNode details, ObjectNode config, Path caFile) {
    config.set("protocols", details.path("protocols"));
    config.set("urls", details.path("urls"));
    config.put("repo_name", details.path("repo_name").asText(config.path("repo_id").asText()));
    if (details.path("gpg_keys").isObject() && !details.path("gpg_keys").isEmpty()) {
      config.set("gpg_keys", details.path("gpg_keys"));
    }
    BindingFiles.keepCa(details, config, caFile);
  }

  @Override
  public List<Path> writeClientFiles(String repoId, JsonNode config, Path root) {
    JsonNode urls = config.path("urls");
    boolean https = urls.hasNonNull("https");
    String baseurl = https ? urls.path("https").asText() : urls.path("http").asText(null);
    if (baseurl == null) {
      return List.of(); // published on neither protocol: nothing dnf could read
    }
    StringBuilder repo = new StringBuilder();
    repo.append('[').append(repoId).append("]\n");
    repo.append("name=").append(oneLine(config.path("repo_name").asText(repoId))).append('\n');
    repo.append("baseurl=").append(oneLine(baseurl)).append('\n');
    List<Path> written = new ArrayList<>(writeKeys(repoId, config.path("gpg_keys"), root));
    repo.append("enabled=1\ngpgcheck=").append(written.isEmpty() ? 0 : 1).append('\n');
    if (!written.isEmpty()) {
      StringBuilder keyUrls = new StringBuilder();
      written.forEach(k -> keyUrls.append(keyUrls.isEmpty() ? "" : " ").append(k.toUri()));
      repo.append("gpgkey=").append(keyUrls).append('\n');
    }
    if (https && config.hasNonNull("ca_cert")) {
      repo.append("sslcacert=").append(oneLine(config.path("ca_cert").asText())).append('\n');
    }
    Path file = root.resolve("etc/yum.repos.d/depot-" + repoId + ".repo");
    ConsumerFiles.write(file, repo.toString(), false);
    written.add(file);
    return written;
  }

  /**
   * A value on one line: a repository's display name is free text, and one holding a line break
   * would add lines of its own to the file (a {@code gpgcheck=0}, a whole {@code [section]} with
   * another {@code baseurl}) that dnf reads as the machine's configuration.
   */
  private static String oneLine(String value) {
    return value.replaceAll("\\p{Cntrl}", " ");
  }

  /** Writes each key the payload named, by a name that cannot leave {@code etc/pki/rpm-gpg}. */
  private static List<Path> writeKeys(String repoId, JsonNode keys, Path root) {
    List<Path> written = new ArrayList<>();
    for (Map.Entry<String, JsonNode> key : keys.properties()) {
      String name = key.getKey().replaceAll("[^A-Za-z0-9._-]", "_");
      Path file = root.resolve("etc/pki/rpm-gpg/depot-" + repoId + "-" + name).toAbsolutePath();
      ConsumerFiles.write(file, key.getValue().asText(), false);
      written.add(file);
    }
    return written;
  }

  @Override
  public Fetched fetch(JsonNode config, Path identity, Path dest) throws IOException {
    throw new IOException(
        "a yum repository is read by dnf: bind wrote "
            + "etc/yum.repos.d/depot-"
            + config.path("repo_id").asText()
            + ".repo; run dnf --repo="
            + config.path("repo_id").asText()
            + " install <package>");
  }

  /**
   * dnf's line; when bind wrote the {@code .repo} file under another root than {@code /} (a
   * container's or image's tree), dnf is told that directory, since it reads only its own.
   */
  @Override
  public Optional<String> usage(JsonNode config) {
    String repos = "";
    for (JsonNode file : config.path("client_files")) {
      Path dir = Path.of(file.asText()).getParent();
      if (file.asText().endsWith(".repo") && !dir.equals(Path.of("/etc/yum.repos.d"))) {
        repos = "--setopt=reposdir=" + dir + " ";
      }
    }
    return Optional.of(
        "dnf " + repos + "--repo=" + config.path("repo_id").asText() + " install <package>");
  }
}
