package dev.depot.server.api;

import dev.depot.server.auth.Users;
import dev.depot.server.config.InputLimits;
import dev.depot.server.consumer.ConsumerServices;
import dev.depot.server.content.Orphans;
import dev.depot.server.content.UnitReads;
import dev.depot.server.db.Database;
import dev.depot.server.event.EventListeners;
import dev.depot.server.group.GroupDistributors;
import dev.depot.server.group.Groups;
import dev.depot.server.history.History;
import dev.depot.server.plugin.PluginRegistry;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.schedule.Schedules;
import dev.depot.server.search.Search;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.upload.UploadStore;
import org.eclipse.jetty.server.Handler;

/**
 * Assembles the REST API's routes into one Jetty handler. Endpoints get services and stores that
 * open their own handles, never a {@code Jdbi}: the build checks it ({@code EndpointsOpenNoSql}).
 */
public final class Api {
  private Api() {}

  /** The API handler over the server's capabilities. */
  public static Handler handler(
      Users users,
      dev.depot.server.auth.Roles roles,
      dev.depot.server.auth.Permissions permissions,
      dev.depot.server.auth.UserCertificates userCertificates,
      Database database,
      String version,
      PluginRegistry plugins,
      Repositories repositories,
      RepositoryImporters importers,
      RepositoryDistributors distributors,
      GroupDistributors groupDistributors,
      TaskQueue queue,
      History history,
      Schedules schedules,
      UnitReads units,
      Orphans orphans,
      UploadStore uploads,
      ConsumerServices consumers,
      EventListeners events,
      Search search,
      Groups consumerGroups,
      InputLimits limits,
      dev.depot.server.version.RepositoryVersions versions) {
    Router router = new Router();
    new StatusEndpoint(database, version, queue.store(), plugins::platform).register(router);
    new DatabaseEndpoints(database).register(router);
    new PluginEndpoints(plugins).register(router);
    new RepositoryEndpoints(repositories, importers, distributors, queue, search, versions)
        .register(router);
    new ImporterEndpoints(importers, queue).register(router);
    new DistributorEndpoints(distributors, queue, search).register(router);
    new ActionEndpoints(repositories, distributors, queue, versions, importers, permissions)
        .register(router);
    new VersionEndpoints(versions, repositories, queue).register(router);
    new HistoryEndpoints(history, repositories, distributors).register(router);
    new TaskEndpoints(queue.store(), search).register(router);
    new TaskGroupEndpoints(queue.groups()).register(router);
    new ScheduleEndpoints(schedules, importers, distributors, permissions).register(router);
    new UploadEndpoints(uploads, repositories, queue, limits.maxUploadChunk(), permissions)
        .register(router);
    new UnitEndpoints(units, repositories, importers, plugins, queue, versions, permissions)
        .register(router);
    new ContentEndpoints(units, orphans, plugins, queue).register(router);
    new ConsumerEndpoints(
            consumers.consumers(), consumers.history(), plugins, consumers.bindings(), search)
        .register(router);
    new BindingEndpoints(consumers.bindings()).register(router);
    new ProfileEndpoints(
            consumers.profiles(),
            consumers.bindings(),
            queue,
            search,
            new dev.depot.server.repo.RepositoryCollection(repositories))
        .register(router);
    new EventEndpoints(events).register(router);
    new GroupEndpoints(groupDistributors, search, permissions).register(router);
    new GroupDistributorEndpoints(groupDistributors, queue, permissions).register(router);
    new GroupEndpoints(consumerGroups, search, permissions).register(router);
    new ConsumerGroupBindingEndpoints(consumerGroups, consumers.bindings()).register(router);
    new UserEndpoints(users, permissions, search).register(router);
    new RoleEndpoints(roles, permissions, search).register(router);
    new PermissionEndpoints(permissions).register(router);
    new LoginEndpoint(userCertificates).register(router);
    return new ApiHandler(
        router,
        users,
        permissions,
        userCertificates,
        consumers.certificates(),
        limits.maxRequestBody(),
        queue.store()::flushVisibleCommits);
  }
}
