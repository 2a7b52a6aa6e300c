package dev.depot.plugins.puppet;

import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.PublishConduit;
import dev.depot.plugin.Repository;
import dev.depot.publish.config.ConfigCheck;
import dev.depot.publish.tree.ServedTree;
import dev.depot.publish.tree.ServedTreeDistributor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code puppet_distributor}: publishes a repository as Pulp did, at {@code
 * /pulp/puppet/<repo_id>/} (over HTTP by default, {@code serve_https} adds HTTPS), with the pages
 * of the Forge API that {@code puppet module install --module_repository
 * <server>/pulp_puppet/forge/repository/<repo_id>} asks.
 */
public final class PuppetDistributor extends ServedTreeDistributor {
  /** The distributor type id. */
  public static final String ID = "puppet_distributor";

  /** Pulp's key for the URL path the trees are served below, as a site's web server shows it. */
  static final String ABSOLUTE_PATH = "absolute_path";

  /** Where puppet trees are served: {@code /pulp/puppet/<repo_id>/}. */
  static final ServedTree SERVED = new ServedTree(ID, "puppet").httpByDefault().atRepositoryId();

  /** As the plugin registry makes it: serve_http, serve_https and absolute_path. */
  public PuppetDistributor() {
    super(SERVED, ABSOLUTE_PATH);
  }

  @Override
  public PluginMetadata metadata() {
    return new PluginMetadata(ID, "Puppet Distributor", List.of(PuppetTypes.MODULE));
  }

  @Override
  protected void checkOwnKeys(ConfigCheck check, Repository repo) {
    String path = check.string(ABSOLUTE_PATH);
    if (path != null && !(path.startsWith("/") && !path.contains(".."))) {
      check.problem(
          ABSOLUTE_PATH,
          ABSOLUTE_PATH + " must be an absolute URL path such as /pulp/puppet/, not " + path);
    }
  }

  @Override
  protected Publish newPublish(
      Repository repo, PublishConduit conduit, PluginCallConfiguration config) {
    return new PuppetPublish(SERVED, platform(), repo, conduit, config);
  }

  /**
   * Pulp's payload plus the Forge API's URL per protocol ({@code module_repositories}): what a
   * consumer passes as {@code puppet module install --module_repository}.
   */
  @Override
  public Map<String, Object> createConsumerPayload(
      Repository repo, PluginCallConfiguration config, Map<String, Object> bindingConfig) {
    Map<String, Object> payload = super.createConsumerPayload(repo, config, bindingConfig);
    Map<String, Object> forges = new LinkedHashMap<>();
    List<String> protocols = new ArrayList<>(SERVED.protocols(config));
    for (String protocol : protocols) {
      platform()
          .baseUrl(protocol)
          .ifPresent(
              base ->
                  forges.put(
                      protocol, base.resolve(ForgeApi.repositoryPath(repo.id())).toString()));
    }
    payload.put("module_repositories", forges);
    config.getString(ABSOLUTE_PATH).ifPresent(path -> payload.put(ABSOLUTE_PATH, path));
    return payload;
  }
}
