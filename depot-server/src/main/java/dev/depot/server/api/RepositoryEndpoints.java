package dev.depot.server.api;

import dev.depot.server.error.InvalidValue;
import dev.depot.server.repo.NewDistributor;
import dev.depot.server.repo.NewImporter;
import dev.depot.server.repo.NewRepository;
import dev.depot.server.repo.Repositories;
import dev.depot.server.repo.RepositoryChanges;
import dev.depot.server.repo.RepositoryCollection;
import dev.depot.server.repo.RepositoryDistributors;
import dev.depot.server.repo.RepositoryImporters;
import dev.depot.server.repo.RepositoryJson;
import dev.depot.server.repo.RepositoryRecord;
import dev.depot.server.repo.RepositoryTasks;
import dev.depot.server.search.Search;
import dev.depot.server.task.TaskQueue;
import dev.depot.server.version.RepositoryVersions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /repositories/}: create, list, search, get, update, delete. */
final class RepositoryEndpoints {
  private static final Set<String> SEARCH_FLAGS = Set.of("details", "importers", "distributors");
  private final Repositories repositories;
  private final RepositoryImporters importers;
  private final RepositoryDistributors distributors;
  private final TaskQueue queue;
  private final Search search;
  private final RepositoryCollection collection;
  private final RepositoryVersions versions;

  RepositoryEndpoints(
      Repositories repositories,
      RepositoryImporters importers,
      RepositoryDistributors distributors,
      TaskQueue queue,
      Search search,
      RepositoryVersions versions) {
    this.versions = versions;
    this.repositories = repositories;
    this.importers = importers;
    this.distributors = distributors;
    this.queue = queue;
    this.search = search;
    this.collection = new RepositoryCollection(repositories);
  }

  void register(Router router) {
    String base = Representations.API + "repositories/";
    router.add("GET", base, this::list).add("POST", base, this::create);
    SearchRequest.route(router, base, this::search);
    router
        .add("GET", base + "{repo}/", this::get)
        .add("PUT", base + "{repo}/", this::update)
        .add("DELETE", base + "{repo}/", this::delete);
  }

  /** What a new repository's body may hold; any other key is refused, naming it. */
  private static final Set<String> CREATE_KEYS =
      Set.of(
          "id",
          "display_name",
          "description",
          "notes",
          "importer_type_id",
          "importer_config",
          "distributors",
          "retain_versions");

  private static final Set<String> UPDATE_KEYS =
      Set.of("delta", "importer_config", "distributor_configs");

  private static final Set<String> DELTA_KEYS =
      Set.of("display_name", "description", "notes", "retain_versions");

  private ApiResponse list(ApiRequest request) {
    boolean details = request.flag("details");
    boolean withImporters = details || request.flag("importers");
    boolean withDistributors = details || request.flag("distributors");
    List<RepositoryRecord> records = new ArrayList<>();
    repositories.forEach(records::add);
    List<Map<String, Object>> result = new ArrayList<>();
    for (RepositoryRecord repo : records) {
      result.add(expanded(repo, withImporters, withDistributors));
    }
    return ApiResponse.ok(result);
  }

  /**
   * {@code search/}: criteria over repositories; {@code details} (or {@code importers}, {@code
   * distributors}) adds the plugins as the list does.
   */
  private ApiResponse search(ApiRequest request) {
    SearchRequest search = SearchRequest.read(request, collection, SEARCH_FLAGS);
    boolean details = search.flag("details");
    boolean withImporters = details || search.flag("importers");
    boolean withDistributors = details || search.flag("distributors");
    return search.answer(
        this.search,
        collection,
        json -> {
          String id = (String) json.get("id");
          if (withImporters) {
            json.put(
                "importers", importers.find(id).map(RepositoryJson::importer).stream().toList());
          }
          if (withDistributors) {
            json.put(
                "distributors",
                distributors.list(id).stream().map(RepositoryJson::distributor).toList());
          }
          return json;
        });
  }

  private Map<String, Object> expanded(
      RepositoryRecord repo, boolean withImporters, boolean withDistributors) {
    Map<String, Object> json = RepositoryJson.repository(repo, repositories.unitCounts(repo.id()));
    if (withImporters) {
      json.put(
          "importers", importers.find(repo.id()).map(RepositoryJson::importer).stream().toList());
    }
    if (withDistributors) {
      json.put(
          "distributors",
          distributors.list(repo.id()).stream().map(RepositoryJson::distributor).toList());
    }
    return json;
  }

  private ApiResponse get(ApiRequest request) {
    boolean details = request.flag("details");
    RepositoryRecord repo = repositories.get(request.param("repo"));
    Map<String, Object> json =
        expanded(
            repo, details || request.flag("importers"), details || request.flag("distributors"));
    if (details) {
      // The counts were just read for content_unit_counts; sum them rather than ask again.
      @SuppressWarnings("unchecked")
      Map<String, Long> counts = (Map<String, Long>) json.get("content_unit_counts");
      json.put("total_repository_units", counts.values().stream().mapToLong(Long::longValue).sum());
    }
    return ApiResponse.ok(json);
  }

  private ApiResponse create(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(false);
    ConsumerEndpoints.refuseUnknown(body, CREATE_KEYS);
    Object id = body.get("id");
    if (id != null && !(id instanceof String)) {
      throw JsonFields.wrongType("id", "a string", id);
    }
    NewImporter importer = null;
    String importerType = JsonFields.optionalString(body, "importer_type_id");
    Map<String, Object> importerConfig = JsonFields.config(body, "importer_config");
    if (importerType != null) {
      importer = new NewImporter(importerType, importerConfig);
    } else if (importerConfig != null) {
      throw InvalidValue.of("importer_config needs importer_type_id", "importer_type_id");
    }
    Integer retain = retainVersions(body);
    RepositoryRecord created =
        repositories.create(
            new NewRepository(
                (String) id,
                JsonFields.optionalString(body, "display_name"),
                JsonFields.optionalString(body, "description"),
                JsonFields.notes(body, "notes"),
                importer,
                distributors(JsonFields.optionalList(body, "distributors"))));
    if (retain != null) {
      versions.setRetention(created.id(), retain);
      created = repositories.get(created.id());
    }
    return ApiResponse.created(
        RepositoryJson.repository(created, repositories.unitCounts(created.id())));
  }

  private static List<NewDistributor> distributors(List<?> requested) {
    List<NewDistributor> result = new ArrayList<>();
    if (requested == null) {
      return result;
    }
    for (Object entry : requested) {
      if (!(entry instanceof Map<?, ?> map)) {
        throw JsonFields.wrongType("distributors", "a list of objects", entry);
      }
      Map<String, Object> d = new LinkedHashMap<>();
      map.forEach((k, v) -> d.put(String.valueOf(k), v));
      result.add(DistributorEndpoints.newDistributor(d));
    }
    return result;
  }

  private ApiResponse update(ApiRequest request) {
    Map<String, Object> body = request.jsonObject(true);
    ConsumerEndpoints.refuseUnknown(body, UPDATE_KEYS);
    Map<String, Object> delta = JsonFields.optionalObject(body, "delta");
    delta = delta == null ? Map.of() : delta;
    ConsumerEndpoints.refuseUnknown(delta, DELTA_KEYS);
    Map<String, Object> distributorConfigs = JsonFields.optionalObject(body, "distributor_configs");
    Map<String, Map<String, Object>> perDistributor = null;
    if (distributorConfigs != null) {
      perDistributor = new LinkedHashMap<>();
      for (Map.Entry<String, Object> e : distributorConfigs.entrySet()) {
        Map<String, Object> config = JsonFields.optionalObject(distributorConfigs, e.getKey());
        JsonCaps.CONFIG.check("distributor_configs." + e.getKey(), config);
        perDistributor.put(e.getKey(), config);
      }
    }
    boolean retainGiven = delta.containsKey("retain_versions");
    Integer retain = retainVersions(delta);
    RepositoryRecord updated =
        repositories.update(
            request.param("repo"),
            new RepositoryChanges(
                JsonFields.optionalString(delta, "display_name"),
                JsonFields.optionalString(delta, "description"),
                JsonFields.notes(delta, "notes"),
                JsonFields.config(body, "importer_config"),
                perDistributor));
    if (retainGiven) {
      versions.setRetention(updated.id(), retain);
      updated = repositories.get(updated.id());
    }
    return ApiResponse.callReport(
        RepositoryJson.repository(updated, repositories.unitCounts(updated.id())));
  }

  /**
   * Depot's {@code retain_versions}: how many versions the repository keeps, at least 1; null (or
   * absent) keeps all.
   */
  private static Integer retainVersions(Map<String, Object> body) {
    String accepted = "a whole number of at least 1, or null to keep every version";
    Long retain = JsonFields.optionalWholeNumber(body, "retain_versions", 1, accepted);
    if (retain != null && retain > Integer.MAX_VALUE) {
      throw JsonFields.notAccepted("retain_versions", accepted + " (at most 2147483647)", retain);
    }
    return retain == null ? null : retain.intValue();
  }

  private ApiResponse delete(ApiRequest request) {
    String repoId = repositories.get(request.param("repo")).id();
    return ApiResponse.accepted(queue.enqueue(RepositoryTasks.delete(repoId)));
  }
}
