package dev.depot.plugins.puppet;

import dev.depot.plugin.ContentApi;
import dev.depot.plugin.ContentRequest;
import dev.depot.plugin.ContentResponse;
import dev.depot.plugin.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The Forge API Depot serves per repository, below {@code /pulp_puppet/forge/repository/<repo_id>}:
 * what {@code puppet module install --module_repository} asks ({@code /v3/releases?module=}, {@code
 * /v3/files/<tarball>}), what another Depot syncs from ({@code /v3/releases?owner=} and the whole
 * list, paged; {@code /v3/modules?query=} for a free-text query, which {@code puppet module search}
 * asks too), what r10k reads ({@code /v3/modules/<slug>}, {@code /v3/releases/<release>}), and
 * Pulp's older {@code /api/v1/releases.json}. It answers from the published tree of the protocol
 * asked on, never from the database: what puppet installs is what was last published, switched
 * atomically with it.
 */
public final class ForgeApi implements ContentApi {
  /** The API's prefix on Depot's listeners. */
  static final String PREFIX = "/pulp_puppet/forge";

  private static final Pattern REPO_ID = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern SLUG = Pattern.compile("([A-Za-z0-9]+)[-/]([a-z][a-z0-9_]*)");
  private static final Pattern NUMBER = Pattern.compile("\\d{1,9}");
  private static final Pattern FILE =
      Pattern.compile("([A-Za-z0-9]+)-[a-z][a-z0-9_]*-[0-9A-Za-z.+\\-]+\\.tar\\.gz");

  private Platform platform;

  /** A repository's Forge root: what {@code --module_repository} names. */
  static String repositoryPath(String repoId) {
    return PREFIX + "/repository/" + repoId;
  }

  @Override
  public String prefix() {
    return PREFIX;
  }

  @Override
  public void start(Platform platform) {
    this.platform = platform;
  }

  @Override
  public ContentResponse handle(ContentRequest request) throws IOException {
    List<String> path = request.segments();
    if (path.size() < 3
        || !path.get(0).equals("repository")
        || !REPO_ID.matcher(path.get(1)).matches()) {
      return ContentResponse.notFound("no such Forge path: " + request.path());
    }
    String repoId = path.get(1);
    Path tree = PuppetDistributor.SERVED.typeRoot(platform, request.protocol()).resolve(repoId);
    if (!Files.isDirectory(tree)) {
      return ContentResponse.notFound(
          "repository " + repoId + " is not published over " + request.protocol());
    }
    List<String> rest = path.subList(2, path.size());
    return switch (String.join("/", rest)) {
      case "v3/releases" -> releases(tree, request);
      case "v3/modules" -> modules(tree, request);
      case "api/v1/releases.json" -> V1Releases.answer(tree, repoId, request);
      default -> {
        if (rest.size() != 3 || !rest.get(0).equals("v3")) {
          yield ContentResponse.notFound("no such Forge path: " + request.path());
        }
        yield switch (rest.get(1)) {
          case "files" -> file(tree, rest.get(2));
          case "modules" -> ForgeModules.module(tree, repoId, rest.get(2));
          case "releases" -> ForgeModules.release(tree, repoId, rest.get(2));
          default -> ContentResponse.notFound("no such Forge path: " + request.path());
        };
      }
    };
  }

  /** A 400 when {@code limit} or {@code offset} is no number. */
  private static Optional<ContentResponse> badPaging(ContentRequest request) {
    for (String paging : List.of("limit", "offset")) {
      // A number out of range is brought into it, as the Forge does; one that is none is refused.
      Optional<String> value = request.parameter(paging);
      if (value.isPresent() && !NUMBER.matcher(value.get()).matches()) {
        return Optional.of(ContentResponse.error(400, paging + " must be a whole number"));
      }
    }
    return Optional.empty();
  }

  private static ContentResponse modules(Path tree, ContentRequest request) throws IOException {
    Optional<ContentResponse> bad = badPaging(request);
    return bad.isPresent()
        ? bad.get()
        : ContentResponse.json(ForgeModuleList.answer(tree, request));
  }

  private static ContentResponse releases(Path tree, ContentRequest request) throws IOException {
    Optional<ContentResponse> bad = badPaging(request);
    if (bad.isPresent()) {
      return bad.get();
    }
    Optional<String> module = request.parameter("module");
    if (module.isEmpty()) {
      return ContentResponse.json(ForgePages.listing(tree, request));
    }
    var slug = SLUG.matcher(module.get());
    if (!slug.matches()) {
      return ContentResponse.error(400, "module must be <author>-<name>: " + module.get());
    }
    Path page = ForgeJson.findPage(tree, slug.group(1), slug.group(2));
    if (page == null) {
      return ContentResponse.json(
          ForgePages.empty("/v3/releases?module=" + slug.group(1) + "-" + slug.group(2)));
    }
    String name = ForgeJson.slugOf(page);
    // The page holds every release: served as it is unless the client pages through them.
    return request.parameter("limit").isEmpty() && request.parameter("offset").isEmpty()
        ? new ContentResponse.File(page, "application/json")
        : ContentResponse.json(ForgePages.modulePage(page, name, request));
  }

  private static ContentResponse file(Path tree, String name) {
    var file = FILE.matcher(name);
    if (!file.matches()) {
      return ContentResponse.notFound("not a module release file: " + name);
    }
    String author = file.group(1);
    Path tarball =
        tree.resolve("system/releases/" + author.substring(0, 1) + "/" + author + "/" + name);
    return Files.isRegularFile(tarball)
        ? new ContentResponse.File(tarball, "application/gzip")
        : ContentResponse.notFound("no release file " + name + " in this repository");
  }
}
