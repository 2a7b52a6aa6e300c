package dev.depot.server.api;

import dev.depot.server.db.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * The answers Jetty gives on its own, before any Depot handler runs (a URI it refuses as ambiguous,
 * a malformed request): Pulp's error body below {@code /pulp/api/}, where clients parse every error
 * as JSON, and one line of plain text elsewhere. Never Jetty's HTML page, which names Jetty's
 * version and echoes the request's URI into markup.
 */
public final class ApiErrorPages extends ErrorHandler {
  private static final String PREFIX = "/pulp/api/";

  @Override
  protected void generateResponse(
      Request request,
      Response response,
      int code,
      String message,
      Throwable cause,
      Callback callback) {
    String reason = message == null || message.isBlank() ? HttpStatus.getMessage(code) : message;
    String path = request.getHttpURI().getPath();
    if (path != null && path.startsWith(PREFIX)) {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
      String body =
          Json.write(ErrorBodies.plain(code, "PLP0000", reason, request.getMethod(), path));
      Content.Sink.write(response, true, body, callback);
    } else {
      response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
      Content.Sink.write(response, true, code + " " + reason + "\n", callback);
    }
  }
}
