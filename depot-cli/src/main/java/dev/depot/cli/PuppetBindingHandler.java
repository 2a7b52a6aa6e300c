package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Bindings of {@code puppet_distributor}: the config keeps the payload's protocols, URLs and the
 * Forge API root per protocol ({@code module_repositories}, what {@code puppet module install
 * --module_repository} names), and the CA to trust goes to its own file; a fetch lists every
 * release through the Forge API and checks each tarball against its {@code file_sha256}.
 */
public final class PuppetBindingHandler implements BindingHandler {
  /** Found by {@link java.util.ServiceLoader}. */
  public PuppetBindingHandler() {}

  @Override
  public String distributorTypeId() {
    return "puppet_distributor";
  }

  @Override
  public void writeConfig(JsonNode details, ObjectNode config, Path caFile) {
    config.set("protocols", details.path("protocols"));
    config.set("urls", details.path("urls"));
    config.set("module_repositories", details.path("module_repositories"));
    BindingFiles.keepCa(details, config, caFile);
  }

  @Override
  public Fetched fetch(JsonNode config, Path identity, Path dest)
      throws IOException, InterruptedException {
    PuppetFetch.Result result = new PuppetFetch(config, identity).fetchInto(dest);
    return new Fetched(
        result.files(), result.bytes(), result.url(), "file_sha256 of the Forge API");
  }

  /**
   * The install line, over HTTPS when served (trusting the CA the bind wrote: puppet's own trust
   * store does not hold Depot's CA), else over HTTP.
   */
  @Override
  public Optional<String> usage(JsonNode config) {
    JsonNode forges = config.path("module_repositories");
    if (forges.hasNonNull("https")) {
      String trust =
          config.hasNonNull("ca_cert")
              ? "SSL_CERT_FILE=" + config.path("ca_cert").asText() + " "
              : "";
      return Optional.of(trust + line(forges.path("https").asText()));
    }
    return forges.hasNonNull("http")
        ? Optional.of(line(forges.path("http").asText()))
        : Optional.empty();
  }

  /** From the served locations: the Forge API sits at a fixed path beside the served tree. */
  @Override
  public Optional<String> publishedUsage(String repoId, Map<String, URI> served) {
    return publishedUsage(repoId, served, null);
  }

  /** Over HTTPS, puppet trusts {@code ca} through SSL_CERT_FILE, as the bound line does. */
  @Override
  public Optional<String> publishedUsage(String repoId, Map<String, URI> served, Path ca) {
    URI tree = served.containsKey("https") ? served.get("https") : served.get("http");
    String trust =
        tree != null && tree.getScheme().equals("https") && ca != null
            ? "SSL_CERT_FILE=" + ca.toAbsolutePath() + " "
            : "";
    return Optional.ofNullable(tree)
        .map(
            url -> trust + line(url.resolve("/pulp_puppet/forge/repository/" + repoId).toString()));
  }

  private static String line(String moduleRepository) {
    return "puppet module install --module_repository " + moduleRepository + " <author>-<name>";
  }
}
