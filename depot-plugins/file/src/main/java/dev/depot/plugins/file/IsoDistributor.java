package dev.depot.plugins.file;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.tls.Pem;
import dev.depot.publish.tree.Protection;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.ServedTreeDistributor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * Pulp's {@code iso_distributor}: publishes a repository's files over HTTP and/or HTTPS under
 * {@code /pulp/isos/<relative_url>/}, atomically (see {@link IsoPublish}), optionally behind a
 * client-certificate check ({@code ssl_auth_ca_cert}). Where it serves, and the refusal of a {@code
 * relative_url} another distributor of any type serves at or around, are the SDK's and the
 * platform's ({@link ServedTreeDistributor}).
 */
public final class IsoDistributor extends ServedTreeDistributor {
  /** The distributor type id, as in Pulp. */
  public static final String ID = "iso_distributor";

  /** Where iso trees are served: {@code /pulp/isos/<relative_url>/}, HTTPS only by default. */
  static final ServedTree SERVED = new ServedTree(ID, "isos");

  /** An {@code iso_distributor}, as the plugin registry makes it. */
  public IsoDistributor() {
    super(SERVED, "force_full", "ssl_auth_ca_cert");
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "ISO Distributor", List.of(FileContentTypes.ISO));
  }

  @Override
  protected void checkOwnKeys(ConfigCheck check, Repository repo) {
    check.bool("force_full");
    String ca = check.string("ssl_auth_ca_cert");
    if (ca != null && !Pem.isCertificates(ca)) {
      check.problem(
          "ssl_auth_ca_cert", "ssl_auth_ca_cert must be PEM-encoded X.509 certificate(s)");
    }
    // Pulp guarded only its HTTPS tree and served the HTTP one to anyone: refused, not repeated.
    if (ca != null && SERVED.serves(check.config(), "http")) {
      check.problem(
          ServedTree.SERVE_HTTP,
          "serve_http must be false when ssl_auth_ca_cert is set: client certificates are checked"
              + " over HTTPS only, so plain HTTP would serve the protected files to anyone");
    }
  }

  @Override
  protected Publish newPublish(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    return new IsoPublish(platform(), repo, conduit, config);
  }

  /** Also drops the client-certificate check of the tree's path. */
  @Override
  public void distributorRemoved(
      Repository repo, String distributorId, PluginCallConfiguration config) {
    super.distributorRemoved(repo, distributorId, config);
    try {
      Protection.unprotect(platform().publishRoot(), IsoPublish.protectedPath(repo, config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Pulp's iso payload: the common URLs, the manifest to read and whether a client cert is due. */
  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    Map<String, Object> payload = super.createConsumerPayload(repo, config, bindingConfig);
    payload.put("manifest", "PULP_MANIFEST");
    payload.put("ssl_auth", config.get("ssl_auth_ca_cert").isPresent());
    return payload;
  }
}
