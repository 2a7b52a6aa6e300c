package dev.depot.plugins.rpm;

import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.feed.FeedSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Where a yum feed's repository is: the feed itself when it is one, else the mirrors its mirrorlist
 * (a URL per line, as {@code mirrors.centos.org} answers) or metalink (as Fedora's and EPEL's
 * {@code mirrors.fedoraproject.org/metalink?repo=...} answers) lists, tried in order until one
 * serves a repomd.xml. A metalink's digests of repomd.xml are checked, so a stale or tampered
 * mirror is passed over. Only an HTTP(S) feed that is not a repository is read as a list: a feed
 * ending in {@code /} is always the repository itself.
 */
final class FeedMirrors {
  /** Mirrors tried before giving up: a list names dozens, and each failure costs retries. */
  static final int MAX_TRIED = 5;

  /**
   * A repomd.xml, mirrorlist or metalink: a few kilobytes, cut off past {@link
   * RemoteRepomd#MAX_SIZE}.
   */
  private static final Downloader.Expected REPOMD =
      Downloader.Expected.atMost(RemoteRepomd.MAX_SIZE);

  /**
   * Where the repository was found and its repomd.xml, downloaded.
   *
   * @param dir the repository's top directory, with its trailing slash
   * @param repomd the downloaded repomd.xml
   * @param mirror whether {@code dir} came from a mirrorlist or metalink
   */
  record Found(URI dir, Path repomd, boolean mirror) {}

  private FeedMirrors() {}

  /**
   * Finds the repository {@code feed} names and downloads its repomd.xml into {@code work}.
   *
   * @throws IOException naming why no repository could be reached (the feed's own failure when it
   *     is neither a repository nor a list of mirrors)
   */
  static Found find(Downloader downloader, String feed, boolean credentials, Path work)
      throws IOException, InterruptedException {
    URI dir = FeedSettings.directoryOf(feed);
    Path repomd = work.resolve("repomd.xml");
    try {
      downloader.fetch(dir.resolve("repodata/repomd.xml"), repomd, REPOMD, n -> {});
      return new Found(dir, repomd, false);
    } catch (DownloadFailure notARepository) {
      if (notARepository.isTransient() || feed.endsWith("/") || !isHttp(feed)) {
        throw notARepository;
      }
      Path listing = work.resolve("mirrors");
      try {
        downloader.fetch(URI.create(feed), listing, REPOMD, n -> {});
      } catch (DownloadFailure e) {
        throw notARepository;
      }
      Mirrors mirrors = Mirrors.read(listing);
      if (mirrors.urls().isEmpty()) {
        throw notARepository;
      }
      return tryMirrors(downloader, credentials ? sameOrigin(mirrors, feed) : mirrors, repomd);
    }
  }

  private static Found tryMirrors(Downloader downloader, Mirrors mirrors, Path repomd)
      throws IOException, InterruptedException {
    List<String> failures = new ArrayList<>();
    for (URI mirror : mirrors.urls().subList(0, Math.min(MAX_TRIED, mirrors.urls().size()))) {
      try {
        Downloader.Fetched fetched =
            downloader.fetch(mirror.resolve("repodata/repomd.xml"), repomd, REPOMD, n -> {});
        if (!mirrors.sha256s().isEmpty() && !mirrors.sha256s().contains(fetched.sha256())) {
          throw new IOException("its repomd.xml is not the one the metalink names (stale mirror)");
        }
        return new Found(mirror, repomd, true);
      } catch (IOException e) {
        failures.add(mirror + ": " + e.getMessage());
      }
    }
    throw new IOException(
        "none of the mirrors the feed lists served its repomd.xml: " + String.join("; ", failures));
  }

  /**
   * The mirrors on the feed's own server: the feed's credentials go with every request, and must
   * not go to hosts a list names.
   */
  private static Mirrors sameOrigin(Mirrors mirrors, String feed) throws IOException {
    URI origin = URI.create(feed);
    List<URI> same =
        mirrors.urls().stream()
            .filter(u -> u.getScheme().equalsIgnoreCase(origin.getScheme()))
            .filter(u -> u.getHost() != null && u.getHost().equalsIgnoreCase(origin.getHost()))
            .filter(u -> u.getPort() == origin.getPort())
            .toList();
    if (same.isEmpty()) {
      throw new IOException(
          "the feed lists mirrors on other servers, which Depot does not send the feed's"
              + " basic_auth credentials to; give one mirror's URL as the feed instead");
    }
    return new Mirrors(same, mirrors.sha256s());
  }

  private static boolean isHttp(String feed) {
    String lower = feed.toLowerCase(Locale.ROOT);
    return lower.startsWith("http://") || lower.startsWith("https://");
  }

  /**
   * The mirrors a list names, best first, as repository directories; and, from a metalink, the
   * SHA-256 digests repomd.xml may have (the current one and its alternates).
   */
  record Mirrors(List<URI> urls, Set<String> sha256s) {
    static final String REPOMD = "repodata/repomd.xml";

    static Mirrors read(Path file) throws IOException {
      String head;
      try (InputStream in = Files.newInputStream(file)) {
        head = new String(in.readNBytes(512), StandardCharsets.UTF_8);
      }
      if (head.contains("<metalink")) {
        return metalink(file);
      }
      if (head.stripLeading().startsWith("<")) {
        return new Mirrors(List.of(), Set.of()); // an HTML page, say: not a list
      }
      List<URI> urls = new ArrayList<>();
      for (String raw : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (!isHttp(line)) {
          return new Mirrors(List.of(), Set.of()); // not a mirrorlist
        }
        urls.add(FeedSettings.directoryOf(line));
      }
      return new Mirrors(urls, Set.of());
    }

    private static Mirrors metalink(Path file) throws IOException {
      XMLInputFactory factory = XMLInputFactory.newFactory();
      factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
      factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
      record Ranked(URI dir, int preference) {}
      List<Ranked> ranked = new ArrayList<>();
      Set<String> digests = new HashSet<>();
      try (InputStream in = Files.newInputStream(file)) {
        XMLStreamReader xml = factory.createXMLStreamReader(in);
        while (xml.hasNext()) {
          if (xml.next() != XMLStreamReader.START_ELEMENT) {
            continue;
          }
          if (xml.getLocalName().equals("hash")
              && "sha256".equalsIgnoreCase(xml.getAttributeValue(null, "type"))) {
            digests.add(xml.getElementText().strip().toLowerCase(Locale.ROOT));
          } else if (xml.getLocalName().equals("url")) {
            String preference = xml.getAttributeValue(null, "preference");
            String url = xml.getElementText().strip();
            if (isHttp(url) && url.endsWith(REPOMD)) {
              ranked.add(
                  new Ranked(
                      URI.create(url.substring(0, url.length() - REPOMD.length())),
                      preference == null ? 0 : parse(preference)));
            }
          }
        }
        xml.close();
      } catch (XMLStreamException | IllegalArgumentException e) {
        throw new IOException("the feed's metalink is not well-formed: " + e.getMessage(), e);
      }
      ranked.sort(Comparator.comparingInt(Ranked::preference).reversed());
      return new Mirrors(ranked.stream().map(Ranked::dir).toList(), digests);
    }

    private static int parse(String number) {
      try {
        return Integer.parseInt(number.strip());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
  }
}
