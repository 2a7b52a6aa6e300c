package dev.depot.server.api;

import dev.depot.server.auth.Permissions;
import dev.depot.server.auth.UserCertificates;
import dev.depot.server.auth.Users;
import dev.depot.server.consumer.ConsumerCertificates;
import dev.depot.server.db.Json;
import dev.depot.server.error.DepotException;
import dev.depot.server.error.LimitExceeded;
import dev.depot.server.error.NotAuthenticated;
import dev.depot.server.error.PermissionDenied;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST API under {@code /pulp/api/v2/}: authenticates, routes, and turns every outcome into
 * JSON — failures into Pulp's error body. Requests outside the API prefix are left to the next
 * handler (content serving).
 */
public final class ApiHandler extends Handler.Abstract {
  private static final Logger LOG = LoggerFactory.getLogger(ApiHandler.class);
  private static final String PREFIX = "/pulp/api/";

  private final Router router;
  private final Users users;
  private final ConsumerCertificates consumers;
  private final long maxRequestBody;
  private final Permissions permissions;
  private final UserCertificates userCertificates;
  private final Runnable flushVisibleCommits;

  /**
   * @param flushVisibleCommits writes every commit the database shows to its file ({@link
   *     dev.depot.server.db.H2Durability#flushVisibleCommits}), run before each answer
   */
  ApiHandler(
      Router router,
      Users users,
      Permissions permissions,
      UserCertificates userCertificates,
      ConsumerCertificates consumers,
      long maxRequestBody,
      Runnable flushVisibleCommits) {
    // Non-blocking towards Jetty: API calls block on the database, so each runs on its own
    // virtual thread, and Jetty may serve content requests straight from its selector threads.
    super(InvocationType.NON_BLOCKING);
    this.router = router;
    this.users = users;
    this.consumers = consumers;
    this.maxRequestBody = maxRequestBody;
    this.permissions = permissions;
    this.userCertificates = userCertificates;
    this.flushVisibleCommits = flushVisibleCommits;
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) {
    String path = Request.getPathInContext(request);
    if (!path.startsWith(PREFIX)) {
      return false;
    }
    Thread.ofVirtual()
        .name("depot-api")
        .start(
            () -> {
              try {
                respond(request, response, callback, path);
              } catch (Throwable e) {
                LOG.error("{} {} failed while answering", request.getMethod(), path, e);
                callback.failed(e);
              }
            });
    return true;
  }

  private void respond(Request request, Response response, Callback callback, String path) {
    String method = request.getMethod();
    int status;
    Object body;
    String location = null;
    try {
      ApiResponse answer = dispatch(request, method, path);
      status = answer.status();
      body = durable(answer.body());
      location = answer.location();
    } catch (DepotException e) {
      status = e.httpStatus();
      body = durable(ErrorBodies.of(e, method, path));
      if (e instanceof LimitExceeded) {
        // The server is fine; the client or the disk is over a limit: no stack trace to read.
        LOG.warn("{} {} refused: {}", method, path, e.getMessage());
      } else if (status >= 500) {
        LOG.error("{} {} failed: {}", method, path, e.getMessage(), e);
      }
    } catch (RuntimeException e) {
      String incident = UUID.randomUUID().toString();
      LOG.error("{} {} failed unexpectedly (incident {})", method, path, incident, e);
      status = 500;
      body =
          ErrorBodies.plain(
              500,
              "PLP0000",
              "Internal server error (incident " + incident + "; see the server log)",
              method,
              path);
    }
    // Whatever the answer: a body left unread (an endpoint that needs none, or one refused) makes
    // Jetty close the connection after answering, and a client reusing it meanwhile fails.
    drainUnread(request);
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
    if (status == 401) {
      response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Basic realm=\"Depot\"");
    }
    if (location != null) {
      response.getHeaders().put(HttpHeader.LOCATION, location);
    }
    if (body instanceof StreamedList list) {
      try (java.io.OutputStream out = Content.Sink.asOutputStream(response)) {
        list.writeTo(out);
      } catch (java.io.IOException | RuntimeException e) {
        LOG.warn("{} {}: streaming the response failed: {}", method, path, e.toString());
        callback.failed(e);
        return;
      }
      callback.succeeded();
      return;
    }
    Content.Sink.write(response, true, Json.write(body), callback);
  }

  /**
   * The body, once what it was read from is on the disk. On H2 a commit shows to other sessions a
   * moment before its thread has written it: a repository a task deleted could answer 404, then
   * come back after a crash. Every answer (a 404 included) writes what it could see first; a list
   * streamed from a cursor does so after its last element, before the client holds all of it.
   */
  private Object durable(Object body) {
    if (body instanceof StreamedList list) {
      return list.thenRun(flushVisibleCommits);
    }
    flushVisibleCommits.run();
    return body;
  }

  /**
   * Reads and drops what is left of a request's body (see {@link RequestBody}); a client that asked
   * {@code Expect: 100-continue} has sent nothing, and a body declared beyond {@link
   * RequestBody#DRAIN_LIMIT} is not worth the wait: the connection is closed after the answer. A
   * body an endpoint already streamed was drained when its stream was closed.
   */
  private static void drainUnread(Request request) {
    if ("100-continue".equalsIgnoreCase(request.getHeaders().get(HttpHeader.EXPECT))
        || request.getLength() > RequestBody.DRAIN_LIMIT) {
      return;
    }
    try (java.io.InputStream rest = Content.Source.asInputStream(request)) {
      RequestBody.drain(rest);
    } catch (java.io.IOException | RuntimeException e) {
      LOG.debug("dropping the rest of a request body failed: {}", e.toString());
    }
  }

  private ApiResponse dispatch(Request request, String method, String path) throws DepotException {
    return switch (router.match(method, path)) {
      case Router.NotFound notFound ->
          new ApiResponse(
              404,
              ErrorBodies.plain(404, "PLP0009", "No API resource at " + path, method, path),
              null);
      case Router.WrongMethod wrong ->
          new ApiResponse(
              405,
              ErrorBodies.plain(
                  405,
                  "PLP0000",
                  "Method " + method + " not allowed here; allowed: " + wrong.allowed(),
                  method,
                  path),
              null);
      case Router.Found found -> {
        Caller caller =
            path.startsWith(StatusEndpoint.PATH)
                ? Caller.ANONYMOUS
                : authenticate(request, method, path);
        String resource = path.substring("/pulp/api".length());
        String operation = AccessRules.operation(method, resource);
        if (caller instanceof Caller.User user
            && operation != null
            && !permissions.allowed(user.name(), operation, resource)) {
          throw PermissionDenied.forUser(user.name(), operation + " on " + resource);
        }
        ApiResponse answer =
            found.endpoint().handle(read(request, method, path, found.params(), caller));
        if (answer.status() == 201
            && answer.location() != null
            && caller instanceof Caller.User user) {
          permissions.grantToCreator(
              user.name(), answer.location().substring("/pulp/api".length()));
        }
        if (answer.resourceGone()) {
          permissions.forget(resource);
        }
        yield answer;
      }
    };
  }

  private Caller authenticate(Request request, String method, String path) {
    String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      // Without a password, a consumer's certificate (over HTTPS) may speak for it.
      if (request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE)
          instanceof EndPoint.SslSessionData tls) {
        Optional<String> consumer =
            consumers == null ? Optional.empty() : consumers.consumer(tls.peerCertificates());
        if (consumer.isPresent()) {
          ConsumerAccess.check(consumer.get(), method, path);
          return new Caller.Consumer(consumer.get());
        }
        // Or a user's login certificate (POST /actions/login/), as pulp-admin presents it.
        Optional<String> user = userCertificates.user(tls.peerCertificates());
        if (user.isPresent()) {
          return new Caller.User(user.get());
        }
      }
      throw NotAuthenticated.missingCredentials();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw NotAuthenticated.badCredentials();
    }
    int colon = decoded.indexOf(':');
    if (colon < 0) {
      throw NotAuthenticated.badCredentials();
    }
    users.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
    return new Caller.User(decoded.substring(0, colon));
  }

  private ApiRequest read(
      Request request, String method, String path, Map<String, String> params, Caller caller) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    Fields fields = Request.extractQueryParameters(request);
    for (Fields.Field field : fields) {
      query.put(field.getName(), field.getValues());
    }
    ApiRequest.Body body = new RequestBody(request, maxRequestBody);
    return new ApiRequest(method, path, params, query, body, caller);
  }
}
