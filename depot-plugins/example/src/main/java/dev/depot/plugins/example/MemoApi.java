package dev.depot.plugins.example;

import dev.depot.plugin.ContentApi;
import dev.depot.plugin.ContentRequest;
import dev.depot.plugin.ContentResponse;
import dev.depot.plugin.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A small JSON API beside the memo trees, at {@code /pulp_memos/api}, addressed by repository id
 * rather than by relative_url: {@code /repository/<repo_id>/memos.json} lists the memos published
 * over the request's protocol, {@code /repository/<repo_id>/memos/<name>} is one of them. It reads
 * only what the memo distributor published, so it follows every publish without being told.
 */
// tag::content-api[]
public final class MemoApi implements ContentApi {
  /** Where the API answers. */
  public static final String PREFIX = "/pulp_memos/api";

  private volatile Platform platform;

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
    List<String> path = request.segments(); // repository, <repo_id>, ...
    if (path.size() < 3 || !path.get(0).equals("repository")) {
      return ContentResponse.notFound("No such path: " + request.path());
    }
    String repoId = path.get(1);
    Optional<Path> tree = MemoDistributor.SERVED.servedTreeOf(platform, request.protocol(), repoId);
    if (tree.isEmpty()) {
      return ContentResponse.notFound(
          "Repository " + repoId + " has no memos published over " + request.protocol());
    }
    List<Memo> memos = Memo.read(tree.get().resolve(Memo.INDEX));
    if (path.size() == 3 && path.get(2).equals("memos.json")) {
      return ContentResponse.json(
          memos.stream()
              .map(memo -> ContentResponse.quote(memo.name()))
              .collect(Collectors.joining(", ", "[", "]")));
    }
    if (path.size() == 4 && path.get(2).equals("memos") && isListed(memos, path.get(3))) {
      // The server streams it, and only if it resolves inside the publish root or the store.
      return new ContentResponse.File(tree.get().resolve(path.get(3)), "text/plain");
    }
    return ContentResponse.notFound("No such memo in repository " + repoId + ": " + request.path());
  }

  private static boolean isListed(List<Memo> memos, String name) {
    return Memo.isName(name) && memos.stream().anyMatch(memo -> memo.name().equals(name));
  }
}
// end::content-api[]
