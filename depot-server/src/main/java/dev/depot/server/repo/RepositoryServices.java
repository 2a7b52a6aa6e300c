package dev.depot.server.repo;

import dev.depot.server.content.ContentStore;
import dev.depot.server.content.UnitStore;
import dev.depot.server.error.MissingResource;
import dev.depot.server.plugin.PluginDefaults;
import dev.depot.server.plugin.PluginRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;

/**
 * The repository-facing services every task operation (sync, publish, import upload, copy,
 * unassociate) reads through, wired together once; the operations hand it on to the conduits they
 * build. It exists so that an operation takes one argument for them, and a service they all need is
 * added here rather than to five constructors.
 *
 * @param jdbi the database
 * @param repos repositories, their importers and distributors
 * @param views builds the read-only repository view plugins receive
 * @param units units and their associations
 * @param content where unit files live
 * @param plugins the loaded importers and distributors
 * @param defaults the plugin-default layer of each plugin call's configuration
 */
public record RepositoryServices(
    Jdbi jdbi,
    RepositoryStore repos,
    RepositoryViews views,
    UnitStore units,
    ContentStore content,
    PluginRegistry plugins,
    PluginDefaults defaults) {

  /** The repository, or a {@link MissingResource} (404) naming it. */
  public RepositoryRecord repository(String repoId) {
    return jdbi.withHandle(h -> Repositories.require(h, repos, repoId));
  }

  /** The repository's importer, or a {@link MissingResource} (404) when it has none. */
  public ImporterRecord importer(String repoId) {
    return jdbi.withHandle(h -> repos.importer(h, repoId))
        .orElseThrow(
            () -> {
              Map<String, Object> missing = new LinkedHashMap<>();
              missing.put("repository", repoId);
              missing.put("importer", "any");
              // Said in full because a copy or upload into a bare repository is a common first
              // attempt, and "importer=any" alone does not tell what to do.
              return new MissingResource(
                  missing,
                  "Repository "
                      + repoId
                      + " has no importer, and units come into a repository through its importer:"
                      + " give it one first (POST /pulp/api/v2/repositories/"
                      + repoId
                      + "/importers/ with an importer_type_id)");
            });
  }
}
