package dev.depot.plugin;

import java.io.IOException;

/**
 * An HTTP API a content type serves beside its published trees, such as Puppet's Forge API that
 * {@code puppet module install --module_repository} calls. Found with {@link
 * java.util.ServiceLoader} like importers and distributors: list the class in {@code
 * META-INF/services/dev.depot.plugin.ContentApi}; it needs a public no-argument constructor that
 * does nothing expensive.
 *
 * <p>Unlike importers and distributors, the platform makes <em>one</em> instance for its whole life
 * and calls {@link #handle} from many threads at once: an implementation is thread-safe, and reads
 * only what distributors published (below {@link Platform#servedRoot}), so what it answers follows
 * each publish without the platform telling it.
 *
 * <p>The server answers every request below {@link #prefix()} on both listeners, HTTP and HTTPS,
 * and tells {@link #handle} which one ({@link ContentRequest#protocol()}); only GET and HEAD reach
 * it. A site fronting Depot with its own web server keeps these paths with Depot: {@code depot
 * webserver-config} writes a proxy block for each prefix.
 */
public interface ContentApi {
  /**
   * The path prefix it answers below, e.g. {@code /pulp_puppet/forge}: starts with {@code /},
   * segments of {@code [a-z0-9_.-]}, not {@code /pulp}, not under {@code /pulp/} (static trees and
   * the REST API live there). The server refuses to start when two APIs' prefixes are equal or one
   * lies inside the other.
   */
  String prefix();

  /**
   * Called once, before the first request, with where publishes live: the same {@link Platform}
   * distributors get. Default: nothing.
   *
   * @param platform the publish root, and the listeners' base URLs where known
   */
  default void start(Platform platform) {}

  /**
   * Answers one GET or HEAD request (for HEAD the server sends the headers of the answer only).
   * Throwing {@link IOException} (or any runtime exception) answers 500 with a generic message: the
   * exception is logged, never sent.
   *
   * @param request the method, the decoded path below {@link #prefix()}, the query and the base URL
   * @return what to answer; {@link ContentResponse#notFound} for anything unknown
   * @throws IOException when reading what was published fails
   */
  ContentResponse handle(ContentRequest request) throws IOException;

  /**
   * Whether a prefix is well formed (see {@link #prefix()}); the server and the testkit refuse an
   * API whose prefix is not.
   *
   * @param prefix a candidate prefix
   * @return true when it starts with {@code /}, is made of {@code [a-z0-9_.-]} segments other than
   *     {@code .} and {@code ..}, and is neither {@code /pulp} nor under {@code /pulp/}
   */
  static boolean isValidPrefix(String prefix) {
    return prefix != null
        && prefix.matches("(/[a-z0-9_.-]+)+")
        && !prefix.equals("/pulp")
        && !prefix.startsWith("/pulp/")
        && !prefix.matches(".*/\\.{1,2}(/.*)?");
  }
}
