package dev.depot.server.api;

import dev.depot.server.auth.Users;
import dev.depot.server.db.Database;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryImporters;
import org.eclipse.jetty.server.Handler;

/** Assembles the REST API's routes into one Jetty handler. */
public final class Api {
  private Api() {}

  /** The API handler over the server's capabilities. */
  public static Handler handler(
      Users users,
      Database database,
      String version,
      PluginRegistry plugins,
      Repositories repositories,
      RepositoryImporters importers,
      RepositoryDistributors distributors) {
    Router router = new Router();
    new StatusEndpoint(database, version).register(router);
    new PluginEndpoints(plugins).register(router);
    new RepositoryEndpoints(repositories, importers, distributors).register(router);
    new ImporterEndpoints(importers).register(router);
    new DistributorEndpoints(distributors).register(router);
    return new ApiHandler(router, users);
  }
}
