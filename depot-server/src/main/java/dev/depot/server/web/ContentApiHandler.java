package dev.depot.server.web;

import dev.depot.plugin.ContentApi;
import dev.depot.plugin.ContentPaths;
import dev.depot.plugin.ContentRequest;
import dev.depot.plugin.ContentResponse;
import dev.depot.server.plugin.ContentApis;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.content.ResourceHttpContent;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.ResourceService;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.util.BufferUtil;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one plugin's {@link ContentApi} on one listener: checks the method and the path, hands the
 * API a {@link ContentRequest}, and writes its {@link ContentResponse}, files only from inside the
 * publish root or the content store. An API throwing is answered 500 with a generic body; what it
 * threw goes to the log only, as it may name paths of the server.
 *
 * <p>HTTPS requests do not go through {@link ClientCertificateGate}: an API decides itself what it
 * serves, and reads only what was published for the protocol it is told.
 */
public final class ContentApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ContentApiHandler.class);

  /** How long a request waits for the APIs to be started before it is answered 503. */
  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final ContentApis.Mounted mounted;
  private final String protocol;
  private final ContentApis apis;
  private final ConfinedFiles confined;
  private final ResourceService files = new ResourceService();

  private ContentApiHandler(
      ContentApis.Mounted mounted, String protocol, ContentApis apis, List<Path> roots) {
    // Each request gets its own virtual thread (below); Jetty may call from a selector thread.
    super(InvocationType.NON_BLOCKING);
    this.mounted = mounted;
    this.protocol = protocol;
    this.apis = apis;
    this.confined = new ConfinedFiles(ConfinedResources.realRoots(roots));
    files.setEtags(true);
    files.setAcceptRanges(true);
    files.setDirAllowed(false);
  }

  /**
   * The handler for one API on the listener of {@code protocol}, answering only requests that came
   * on that listener below the API's prefix.
   */
  public static Handler forProtocol(
      String protocol,
      ContentApis.Mounted mounted,
      ContentApis apis,
      Path publishRoot,
      Path contentRoot) {
    ContextHandler context = new ContextHandler(mounted.prefix());
    context.setVirtualHosts(List.of("@" + protocol));
    context.setHandler(
        new ContentApiHandler(mounted, protocol, apis, List.of(publishRoot, contentRoot)));
    return context;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    Thread.ofVirtual()
        .name("depot-content-api")
        .start(
            () -> {
              try {
                respond(request, response, callback);
              } catch (Throwable e) {
                LOG.error("{} {} failed while answering", request.getMethod(), mounted.prefix(), e);
                callback.failed(e);
              }
            });
    return true;
  }

  private void respond(Request request, Response response, Callback callback) throws Exception {
    String method = request.getMethod();
    if (!method.equals("GET") && !method.equals("HEAD")) {
      response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
      json(request, response, callback, error(405, "Method " + method + " is not allowed here"));
      return;
    }
    HttpURI uri = request.getHttpURI();
    // Jetty matched the context on the decoded path; a prefix sent encoded has no raw rest to cut.
    Optional<String> path =
        uri.getPath().startsWith(mounted.prefix())
            ? ContentPaths.decode(uri.getPath().substring(mounted.prefix().length()))
            : Optional.empty();
    Map<String, List<String>> query;
    try {
      query = ContentPaths.query(uri.getQuery());
    } catch (IllegalArgumentException e) {
      path = Optional.empty();
      query = Map.of();
    }
    if (path.isEmpty()) {
      json(request, response, callback, error(400, "Malformed or unsafe request path or query"));
      return;
    }
    if (!apis.awaitStarted(START_WAIT)) {
      json(request, response, callback, error(503, "The server is starting; try again"));
      return;
    }
    URI base = URI.create(uri.getScheme() + "://" + uri.getAuthority() + mounted.prefix());
    ContentResponse answer =
        answer(new ContentRequest(protocol, method, path.get(), query, base), uri);
    switch (answer) {
      case ContentResponse.Json j -> json(request, response, callback, j);
      case ContentResponse.File f -> file(request, response, callback, f);
    }
  }

  private ContentResponse answer(ContentRequest request, HttpURI uri) {
    try {
      return mounted.api().handle(request);
    } catch (IOException | RuntimeException e) {
      LOG.error(
          "Content API {} failed answering {} {}",
          mounted.className(),
          request.method(),
          uri.getPath(),
          e);
      return error(500, "Internal server error (see the server log)");
    }
  }

  private static ContentResponse.Json error(int status, String message) {
    return (ContentResponse.Json) ContentResponse.error(status, message);
  }

  private static void json(
      Request request, Response response, Callback callback, ContentResponse.Json json) {
    byte[] body = json.body().getBytes(StandardCharsets.UTF_8);
    response.setStatus(json.status());
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    if (request.getMethod().equals("HEAD")) {
      response.write(true, BufferUtil.EMPTY_BUFFER, callback);
    } else {
      response.write(true, java.nio.ByteBuffer.wrap(body), callback);
    }
  }

  private void file(
      Request request, Response response, Callback callback, ContentResponse.File answer) {
    Path file = answer.file();
    if (!confined.isServable(file)) {
      LOG.debug("Content API {} named {}: not served", mounted.className(), file);
      json(request, response, callback, error(404, "Not found"));
      return;
    }
    // Jetty's resource service, as for the static trees: HEAD, byte ranges, ETag/Last-Modified
    // and conditional requests, with the length and the API's content type.
    files.doGet(
        request,
        response,
        callback,
        new ResourceHttpContent(ResourceFactory.root().newResource(file), answer.contentType()));
  }
}
