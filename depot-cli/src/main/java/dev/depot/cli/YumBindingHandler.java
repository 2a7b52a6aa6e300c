package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Bindings of {@code yum_distributor}: the config keeps the payload's protocols and URLs, the CA to
 * trust goes to its own file, and bind writes {@code etc/yum.repos.d/depot-<repo>.repo} under the
 * root, which dnf and yum read as they are (HTTPS preferred, trusting Depot's CA). A yum repository
 * is fetched by dnf itself, not by {@code depot consumer fetch}.
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
    repo.append("name=").append(config.path("repo_name").asText(repoId)).append('\n');
    repo.append("baseurl=").append(baseurl).append('\n');
    repo.append("enabled=1\ngpgcheck=0\n");
    if (https && config.hasNonNull("ca_cert")) {
      repo.append("sslcacert=").append(config.path("ca_cert").asText()).append('\n');
    }
    Path file = root.resolve("etc/yum.repos.d/depot-" + repoId + ".repo");
    ConsumerFiles.write(file, repo.toString(), false);
    return List.of(file);
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

  @Override
  public Optional<String> usage(JsonNode config) {
    return Optional.of("dnf --repo=" + config.path("repo_id").asText() + " install <package>");
  }
}
