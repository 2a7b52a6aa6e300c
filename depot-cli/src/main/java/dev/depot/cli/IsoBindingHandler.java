package dev.depot.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Bindings of {@code iso_distributor}: the config keeps the payload's protocols, URLs, relative
 * path, manifest name and whether the repository wants client certificates, and the CA to trust
 * goes to its own file; a fetch reads {@code PULP_MANIFEST} and checks every file against it.
 */
public final class IsoBindingHandler implements BindingHandler {
  /** Found by {@link java.util.ServiceLoader}. */
  public IsoBindingHandler() {}

  @Override
  public String distributorTypeId() {
    return "iso_distributor";
  }

  @Override
  public void writeConfig(JsonNode details, ObjectNode config, Path caFile) {
    config.set("protocols", details.path("protocols"));
    config.set("urls", details.path("urls"));
    config.put("relative_path", details.path("relative_path").asText());
    config.put("manifest", details.path("manifest").asText("PULP_MANIFEST"));
    config.put("ssl_auth", details.path("ssl_auth").asBoolean());
    BindingFiles.keepCa(details, config, caFile);
  }

  @Override
  public Fetched fetch(JsonNode config, Path identity, Path dest)
      throws IOException, InterruptedException {
    IsoFetch.Result result = new IsoFetch(config, identity).fetchInto(dest);
    return new Fetched(
        result.files(),
        result.bytes(),
        result.url(),
        config.path("manifest").asText("PULP_MANIFEST"));
  }
}
