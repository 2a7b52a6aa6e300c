package dev.depot.server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Speaks to a Depot's REST API over a socket as any API client would: admin calls, calls with other
 * credentials, and waiting for tasks. Shared by the in-process and the separate-process servers.
 */
public final class TestApi {
  /** The admin password every test server is started with. */
  public static final String PASSWORD = "test-admin-secret";

  private static final Set<String> COMPLETE = Set.of("finished", "error", "canceled", "skipped");

  private final String baseUrl;
  private final HttpClient client = HttpClient.newHttpClient();

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:40123}
   */
  public TestApi(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The base URL this client speaks to. */
  public String baseUrl() {
    return baseUrl;
  }

  /** Sends a request as admin; {@code body} may be null. */
  public Reply call(String method, String path, String body) throws Exception {
    return send(method, path, body, "admin:" + PASSWORD);
  }

  /** Sends a request with the given {@code user:password}, or none when null. */
  public Reply send(String method, String path, String body, String credentials) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (credentials != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    return new Reply(
        response.statusCode(),
        response.body(),
        response.headers().firstValue("Location").orElse(null));
  }

  /** Waits for the first task of a 202 call report to complete and returns the task report. */
  public JsonNode awaitTask(Reply callReport) throws Exception {
    if (callReport.status() != 202) {
      throw new AssertionError(
          "expected 202, got " + callReport.status() + ": " + callReport.body());
    }
    return awaitTask(callReport.json().at("/spawned_tasks/0/task_id").asText());
  }

  /**
   * Waits (up to 30 s) for a task to complete and returns its report. Polls often, so that a test
   * can act (kill the server, say) right after the API first reports the task complete.
   */
  public JsonNode awaitTask(String taskId) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      JsonNode task = call("GET", "/pulp/api/v2/tasks/" + taskId + "/", null).json();
      String state = task.at("/state").asText();
      if (COMPLETE.contains(state)) {
        return task;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("task " + taskId + " still " + state + " after 30 s");
      }
      Thread.sleep(10);
    }
  }

  /**
   * An HTTP answer.
   *
   * @param status the status code
   * @param body the body text
   * @param location the Location header, or null
   */
  public record Reply(int status, String body, String location) {
    /** The body parsed as JSON. */
    public JsonNode json() throws Exception {
      return dev.depot.server.db.Json.mapper().readTree(body);
    }
  }
}
