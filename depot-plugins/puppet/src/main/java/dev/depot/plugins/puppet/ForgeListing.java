package dev.depot.plugins.puppet;

import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The releases a Forge offers for a sync's queries, one query after the other (the whole Forge
 * without any), each counted in the progress's metadata step: an {@code author-name} term's
 * releases, or those of every module the Forge's search finds for a free-text term ({@link
 * ForgeSearch}). A term that finds no release is told to the progress, which reports it.
 */
final class ForgeListing {
  /** The feed's first releases page answered 404: there is no Forge API at that URL. */
  static final class NoForge extends IOException {
    private static final long serialVersionUID = 1L;

    NoForge(DownloadFailure cause) {
      super(cause.getMessage(), cause);
    }
  }

  private final ForgeReleases pages;
  private final ForgeSearch search;
  private final ModuleProgress progress;

  ForgeListing(Downloader downloader, ForgeUrls urls, Path workDir, ModuleProgress progress) {
    this.pages = new ForgeReleases(downloader, urls, workDir);
    this.search = new ForgeSearch(downloader, urls, workDir);
    this.progress = progress;
  }

  /**
   * Every release the queries find.
   *
   * @throws NoForge when the very first page is not there: the feed is no Forge
   */
  List<RemoteModule> list(List<String> queries) throws IOException, InterruptedException {
    List<String> terms = queries.isEmpty() ? Collections.singletonList(null) : queries;
    progress.fetchingMetadata(terms.size());
    List<RemoteModule> releases = new ArrayList<>();
    Set<ModuleId> seen = new HashSet<>();
    boolean first = true;
    for (String term : terms) {
      int found;
      try {
        found = releasesOf(term, releases, seen);
      } catch (DownloadFailure e) {
        if (first && e.responseCode().orElse(0) == 404) {
          throw new NoForge(e);
        }
        throw e;
      }
      first = false;
      if (term != null && found == 0) {
        progress.unmatched(term);
      }
      progress.queryDone();
    }
    return releases;
  }

  /** Lists the releases one term finds; answers how many the Forge listed. */
  private int releasesOf(String term, List<RemoteModule> into, Set<ModuleId> seen)
      throws IOException, InterruptedException {
    if (term == null || Queries.namesModule(term)) {
      return pages.list(term, into, seen);
    }
    int found = 0;
    for (String module : search.find(term)) {
      found += pages.list(module, into, seen);
    }
    return found;
  }
}
