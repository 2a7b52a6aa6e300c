package dev.depot.plugins.puppet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A small Puppet Forge on 127.0.0.1 for tests: the v3 API's {@code /v3/releases} (filtered by
 * {@code module=} or {@code owner=}), its search {@code /v3/modules?query=} (the modules whose
 * owner, name, summary or a tag contains the text, without case, as the public Forge searches),
 * both paged by {@code limit=} and {@code offset=} with a real, escaped {@code pagination.next},
 * and {@code /v3/files/<file>}, for module tarballs a test built (with {@link TestModules#module}),
 * optionally below a path prefix as another Depot's per-repository Forge is. It records every
 * request, and can lie about a file's checksum or identity, or leave out SHA-256 as old Forges do.
 *
 * <pre>{@code
 * try (TestForge forge = TestForge.start("")) {
 *   forge.add(TestModules.module(dir, "acme", "web", "1.0.0"));
 *   sync(Map.of("feed", forge.url().toString()));
 *   assertThat(forge.requests()).contains("/v3/files/acme-web-1.0.0.tar.gz");
 * }
 * }</pre>
 */
public final class TestForge implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int DEFAULT_LIMIT = 20;

  /** A release served: its tarball and what the API says of it. */
  private record Release(
      ModuleId id, String metadataJson, String md5, String sha256, byte[] bytes, String fileName) {}

  private final String prefix;
  private final HttpServer server;
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Release> releases = new ConcurrentHashMap<>();
  private final Set<String> lies = ConcurrentHashMap.newKeySet();
  private final Map<String, ModuleId> claims = new ConcurrentHashMap<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private volatile boolean sha256 = true;
  private volatile boolean nextWithPrefix;
  private volatile int maxLimit = Integer.MAX_VALUE;
  private volatile boolean ignoreFilters;
  private volatile Consumer<String> beforeEachRequest = request -> {};

  private TestForge(String prefix, HttpServer server) {
    this.prefix = prefix;
    this.server = server;
  }

  /**
   * Starts a Forge on a free port.
   *
   * @param prefix the path the API is below, such as {@code /pulp_puppet/forge/repository/r1}, or
   *     {@code ""} for the server's root
   */
  public static TestForge start(String prefix) throws IOException {
    HttpServer server =
        HttpServer.create(
            new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0), 50);
    TestForge forge = new TestForge(prefix.replaceAll("/+$", ""), server);
    server.createContext("/", forge::handle);
    server.setExecutor(forge.executor);
    server.start();
    return forge;
  }

  /** The Forge's URL, what a feed names: {@code http://127.0.0.1:<port><prefix>}, no slash. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
  }

  /** Serves a module tarball as a release, under its metadata.json's identity. */
  public TestForge add(Path tarball) throws IOException {
    ModuleRelease read = ModuleTarball.read(tarball);
    String fileName = read.id().fileName();
    releases.put(
        fileName,
        new Release(
            read.id(),
            read.metadataJson(),
            read.md5(),
            read.sha256(),
            Files.readAllBytes(tarball),
            fileName));
    return this;
  }

  /**
   * Serves any file, a bad tarball say, as release {@code author-name-version} (metadata.json as
   * {@link TestModules#metadata} writes it), with the file's true checksums.
   */
  public TestForge addAs(Path file, String author, String name, String version) throws IOException {
    ModuleId id = new ModuleId(author, name, version);
    byte[] bytes = Files.readAllBytes(file);
    releases.put(
        id.fileName(),
        new Release(
            id,
            TestModules.metadata(author, name, version),
            hex("MD5", bytes),
            hex("SHA-256", bytes),
            bytes,
            id.fileName()));
    return this;
  }

  /** Stops serving a release. */
  public void remove(String fileName) {
    releases.remove(fileName);
  }

  /** Serves wrong checksums (SHA-256 and MD5) for this file. */
  public void lieAboutChecksum(String fileName) {
    lies.add(fileName);
  }

  /** Lists this file as another release than its metadata.json says. */
  public void claimAs(String fileName, String author, String name, String version) {
    claims.put(fileName, new ModuleId(author, name, version));
  }

  /** Leaves {@code file_sha256} out of the releases, as old Forges did: MD5 only. */
  public void withoutSha256() {
    sha256 = false;
  }

  /** Writes {@code pagination.next} with the prefix in front (as Depot's Forge may) or not. */
  public void nextWithPrefix(boolean withPrefix) {
    nextWithPrefix = withPrefix;
  }

  /** Answers every release whatever {@code module=} or {@code owner=} asks, as a sloppy Forge. */
  public void ignoreFilters() {
    ignoreFilters = true;
  }

  /**
   * Answers at most {@code max} releases a page, whatever {@code limit} asks (the Forge caps it).
   */
  public void maxPageSize(int max) {
    maxLimit = max;
  }

  /** Calls {@code hook} with each request's path and query before answering it. */
  public void beforeEachRequest(Consumer<String> hook) {
    beforeEachRequest = hook;
  }

  /** Every request so far, path (without the prefix) and query, e.g. {@code /v3/releases?...}. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** The requests whose path starts with {@code start}. */
  public List<String> requests(String start) {
    return requests.stream().filter(r -> r.startsWith(start)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getRawPath();
      String query = exchange.getRequestURI().getRawQuery();
      if (!path.startsWith(prefix + "/")) {
        exchange.sendResponseHeaders(404, -1);
        return;
      }
      String local = path.substring(prefix.length());
      String request = local + (query == null ? "" : "?" + query);
      requests.add(request);
      beforeEachRequest.accept(request);
      if (local.equals("/v3/releases")) {
        send(exchange, "application/json", JSON.writeValueAsBytes(page(params(query))));
      } else if (local.equals("/v3/modules")) {
        send(exchange, "application/json", JSON.writeValueAsBytes(search(params(query))));
      } else if (local.startsWith("/v3/files/") && releases.containsKey(local.substring(10))) {
        send(exchange, "application/octet-stream", releases.get(local.substring(10)).bytes());
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private ObjectNode page(Map<String, String> params) {
    List<Release> chosen = new ArrayList<>();
    for (Release release : releases.values()) {
      ModuleId id = listedAs(release);
      String module = params.get("module");
      String owner = params.get("owner");
      if (ignoreFilters
          || (module == null || module.replace('/', '-').equals(id.slug()))
              && (owner == null || owner.equals(id.author()))) {
        chosen.add(release);
      }
    }
    chosen.sort(Comparator.comparing(Release::fileName));
    int limit =
        Math.min(maxLimit, Integer.parseInt(params.getOrDefault("limit", "" + DEFAULT_LIMIT)));
    int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
    ObjectNode root = JSON.createObjectNode();
    ObjectNode pagination = root.putObject("pagination");
    pagination.put("limit", limit).put("offset", offset).put("total", chosen.size());
    pagination.put("current", link(params, limit, offset));
    pagination.put("first", link(params, limit, 0));
    if (offset + limit < chosen.size()) {
      pagination.put("next", link(params, limit, offset + limit));
    } else {
      pagination.putNull("next");
    }
    ArrayNode results = root.putArray("results");
    for (Release release :
        chosen.subList(Math.min(offset, chosen.size()), Math.min(offset + limit, chosen.size()))) {
      results.add(json(release));
    }
    return root;
  }

  private String link(Map<String, String> params, int limit, int offset) {
    return link("/v3/releases", params, limit, offset);
  }

  private String link(String path, Map<String, String> params, int limit, int offset) {
    Map<String, String> next = new LinkedHashMap<>(params);
    next.put("limit", "" + limit);
    next.put("offset", "" + offset);
    StringBuilder link = new StringBuilder(nextWithPrefix ? prefix : "").append(path).append('?');
    next.forEach(
        (k, v) ->
            link.append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8))
                .append('&'));
    return link.substring(0, link.length() - 1);
  }

  /** The modules whose owner, name, summary or a tag contains {@code query}, without case. */
  private ObjectNode search(Map<String, String> params) throws IOException {
    String text = params.getOrDefault("query", "").toLowerCase(Locale.ROOT);
    Map<String, ObjectNode> found = new TreeMap<>();
    for (Release release : releases.values()) {
      ModuleId id = listedAs(release);
      String metadata = release.metadataJson().toLowerCase(Locale.ROOT);
      var meta = JSON.readTree(metadata);
      boolean hit =
          id.author().toLowerCase(Locale.ROOT).contains(text)
              || id.name().contains(text)
              || meta.path("summary").asText().contains(text);
      for (var tag : meta.path("tags")) {
        hit |= tag.asText().contains(text);
      }
      if (hit) {
        ObjectNode module = JSON.createObjectNode();
        module.put("uri", "/v3/modules/" + id.slug()).put("slug", id.slug()).put("name", id.name());
        module.putObject("owner").put("slug", id.author()).put("username", id.author());
        found.put(id.slug(), module);
      }
    }
    List<ObjectNode> chosen = new ArrayList<>(found.values());
    int limit =
        Math.min(maxLimit, Integer.parseInt(params.getOrDefault("limit", "" + DEFAULT_LIMIT)));
    int offset = Integer.parseInt(params.getOrDefault("offset", "0"));
    ObjectNode root = JSON.createObjectNode();
    ObjectNode pagination = root.putObject("pagination");
    pagination.put("limit", limit).put("offset", offset).put("total", chosen.size());
    pagination.put(
        "next",
        offset + limit < chosen.size() ? link("/v3/modules", params, limit, offset + limit) : null);
    root.putArray("results")
        .addAll(
            chosen.subList(
                Math.min(offset, chosen.size()), Math.min(offset + limit, chosen.size())));
    return root;
  }

  private ObjectNode json(Release release) {
    ModuleId id = listedAs(release);
    ObjectNode node = JSON.createObjectNode();
    node.put("uri", "/v3/releases/" + id.releaseSlug());
    node.put("slug", id.releaseSlug());
    node.put("version", id.version());
    ObjectNode metadata;
    try {
      metadata = (ObjectNode) JSON.readTree(release.metadataJson());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    metadata.put("name", id.slug());
    metadata.put("version", id.version());
    node.set("metadata", metadata);
    node.put("file_uri", "/v3/files/" + release.fileName());
    node.put("file_size", release.bytes().length);
    boolean lie = lies.contains(release.fileName());
    node.put("file_md5", lie ? "0".repeat(32) : release.md5());
    if (sha256) {
      node.put("file_sha256", lie ? "0".repeat(64) : release.sha256());
    }
    return node;
  }

  private ModuleId listedAs(Release release) {
    return claims.getOrDefault(release.fileName(), release.id());
  }

  private static String hex(String algorithm, byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has " + algorithm, e);
    }
  }

  private static Map<String, String> params(String query) {
    Map<String, String> params = new LinkedHashMap<>();
    if (query != null) {
      for (String pair : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private static void send(HttpExchange exchange, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    server.stop(0);
    executor.close();
  }
}
