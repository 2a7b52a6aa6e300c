package dev.depot.server.plugin;

import dev.depot.plugin.ContentApi;
import dev.depot.plugin.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ContentApi}s found with {@link ServiceLoader}: one instance each for the server's
 * life, their prefixes checked at load so that a server that starts never has two APIs answering
 * the same path. They are started once the server knows its URLs; the web handlers wait for that
 * before the first request.
 */
public final class ContentApis {
  /** The file below the publish root listing the mounted prefixes, for webserver-config. */
  public static final String LIST_FILE = "content-apis";

  private static final Logger LOG = LoggerFactory.getLogger(ContentApis.class);

  private final List<Mounted> mounted;
  private final ClassLoader loader;
  private final CountDownLatch started = new CountDownLatch(1);

  private ContentApis(List<Mounted> mounted, ClassLoader loader) {
    this.mounted = List.copyOf(mounted);
    this.loader = loader;
  }

  /**
   * One API by where it answers, with the class that answers there (named in logs and listings).
   *
   * @param prefix the API's prefix, checked
   * @param api the instance
   */
  public record Mounted(String prefix, ContentApi api) {
    /** The implementing class's name. */
    public String className() {
      return api.getClass().getName();
    }
  }

  /**
   * Creates every API visible to the class loader, with it as the context loader as for other
   * plugin instances, and checks their prefixes.
   *
   * @throws IllegalStateException naming the class(es) when a prefix is malformed, or equal to or
   *     inside another's
   */
  public static ContentApis load(ClassLoader loader) {
    List<ContentApi> found = new ArrayList<>();
    ServiceLoader.load(ContentApi.class, loader).stream()
        .forEach(provider -> found.add(PluginRegistry.inContextOf(loader, provider::get)));
    return of(found, loader);
  }

  /** APIs given directly (tests); same checks as {@link #load}. */
  public static ContentApis of(List<ContentApi> apis, ClassLoader loader) {
    List<Mounted> sorted =
        apis.stream()
            .map(api -> new Mounted(checked(api), api))
            .sorted(Comparator.comparing(Mounted::prefix))
            .toList();
    for (int i = 0; i < sorted.size(); i++) {
      for (int j = i + 1; j < sorted.size(); j++) {
        Mounted a = sorted.get(i);
        Mounted b = sorted.get(j);
        if (a.prefix().equals(b.prefix()) || b.prefix().startsWith(a.prefix() + "/")) {
          throw new IllegalStateException(
              "content APIs "
                  + a.className()
                  + " ("
                  + a.prefix()
                  + ") and "
                  + b.className()
                  + " ("
                  + b.prefix()
                  + ") answer overlapping paths; each needs its own prefix");
        }
      }
    }
    for (Mounted m : sorted) {
      LOG.info("Loaded content API {} at {}", m.className(), m.prefix());
    }
    return new ContentApis(sorted, loader);
  }

  private static String checked(ContentApi api) {
    String prefix = api.prefix();
    if (!ContentApi.isValidPrefix(prefix)) {
      throw new IllegalStateException(
          "content API "
              + api.getClass().getName()
              + " has a bad prefix '"
              + prefix
              + "': it must be /-separated segments of [a-z0-9_.-], not /pulp nor under /pulp/");
    }
    return prefix;
  }

  /** Every API, by prefix. */
  public List<Mounted> mounted() {
    return mounted;
  }

  /**
   * Calls each API's {@code start} once, in the plugins' class loader, then lets requests through.
   *
   * @throws RuntimeException what an API's start threw: the server does not start half-served
   */
  public void start(Platform platform) {
    if (started.getCount() == 0) {
      return;
    }
    for (Mounted m : mounted) {
      PluginRegistry.inContextOf(
          loader,
          () -> {
            m.api().start(platform);
            return null;
          });
    }
    started.countDown();
  }

  /**
   * Waits for {@link #start} to have run.
   *
   * @return false when it has not within {@code wait}
   */
  public boolean awaitStarted(Duration wait) throws InterruptedException {
    return started.await(wait.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Writes {@code <publishRoot>/content-apis}, one {@code <prefix> <class>} line per API, in one
   * rename: {@code depot webserver-config} reads it with the server down to keep these paths with
   * Depot.
   */
  public void writeList(Path publishRoot) throws IOException {
    StringBuilder text = new StringBuilder();
    for (Mounted m : mounted) {
      text.append(m.prefix()).append(' ').append(m.className()).append('\n');
    }
    Files.createDirectories(publishRoot);
    Path temp = Files.createTempFile(publishRoot, "." + LIST_FILE, ".tmp");
    try {
      Files.writeString(temp, text, StandardCharsets.UTF_8);
      Files.move(temp, publishRoot.resolve(LIST_FILE), StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
