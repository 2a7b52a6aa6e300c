package dev.depot.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;

/** Speaks JSON to a Depot server's {@code /pulp/api/v2/} with HTTP Basic auth. */
public final class ApiClient {
  static final ObjectMapper JSON = new ObjectMapper();

  static {
    // HttpURLConnection sends a buffered POST again, on its own, when a kept-alive connection
    // drops before the answer: the server may have acted on the first (created a task, say).
    if (System.getProperty("sun.net.http.retryPost") == null) {
      System.setProperty("sun.net.http.retryPost", "false");
    }
  }

  private final String baseUrl;

  /** The server URL this client talks to, without a trailing slash. */
  String baseUrl() {
    return baseUrl;
  }

  private final String authorization;

  /** What an https:// URL is trusted with; null for the JDK's default trust (and for http://). */
  private final SSLContext tls;

  /** Why the server may refuse this client's credentials, said with a 401; null: not known. */
  private final String refusalHint;

  /**
   * @param baseUrl e.g. {@code http://127.0.0.1:8080}
   * @param user the user name
   * @param password the password, or null to send no credentials
   */
  public ApiClient(String baseUrl, String user, String password) {
    this(baseUrl, user, password, null);
  }

  /**
   * A password client over HTTPS that trusts the given context's CAs (a local server's own CA,
   * which no system trust store holds).
   *
   * @param tls what to trust, or null for the JDK's default trust
   */
  ApiClient(String baseUrl, String user, String password, SSLContext tls) {
    this(
        baseUrl,
        password == null
            ? null
            : "Basic "
                + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)),
        tls);
  }

  /**
   * A client that authenticates by its TLS identity (a consumer's certificate) instead of a
   * password.
   *
   * @param baseUrl the server's HTTPS URL
   * @param tls the client certificate and the CA to trust
   */
  ApiClient(String baseUrl, SSLContext tls) {
    this(baseUrl, (String) null, tls);
  }

  private ApiClient(String baseUrl, String authorization, SSLContext tls) {
    this(baseUrl, authorization, tls, null);
  }

  private ApiClient(String baseUrl, String authorization, SSLContext tls, String refusalHint) {
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    this.authorization = authorization;
    this.tls = tls;
    this.refusalHint = refusalHint;
  }

  /**
   * This client, saying {@code hint} after the server's message when it refuses the client's
   * credentials (401): a consumer's certificate is refused for other reasons than a password.
   */
  ApiClient explainingRefusal(String hint) {
    return new ApiClient(baseUrl, authorization, tls, hint);
  }

  /** GET a path under {@code /pulp/api/v2/}. */
  public JsonNode get(String path) {
    return send("GET", path, null, 0, null);
  }

  /** POST a JSON body. */
  public JsonNode post(String path, Object body) {
    return sendJson("POST", path, body);
  }

  /** PUT a JSON body. */
  public JsonNode put(String path, Object body) {
    return sendJson("PUT", path, body);
  }

  /** PUT raw bytes (an upload chunk). */
  public JsonNode putBytes(String path, byte[] bytes, int length) {
    return send("PUT", path, bytes, length, null);
  }

  /** DELETE. */
  public JsonNode delete(String path) {
    return send("DELETE", path, null, 0, null);
  }

  private JsonNode sendJson(String method, String path, Object body) {
    if (body == null) {
      return send(method, path, new byte[0], 0, null);
    }
    try {
      byte[] json = JSON.writeValueAsBytes(body);
      return send(method, path, json, json.length, "application/json");
    } catch (JsonProcessingException e) {
      // Only the request body is serialised here; our own maps always serialise.
      throw new IllegalStateException(e);
    }
  }

  /**
   * One request over {@link HttpURLConnection}: the JDK's newer HTTP client sets up TLS and its
   * threads when it is built, whatever the URL, which cost a tenth of a second of every command. A
   * body is buffered (at most an upload chunk), not streamed: in streaming mode the connection
   * drops a 401's body, Pulp's error report. Redirects are not followed.
   */
  private JsonNode send(String method, String path, byte[] body, int length, String contentType) {
    checkPath(path);
    String url = baseUrl + "/pulp/api/v2/" + path;
    try {
      HttpURLConnection connection = open(url);
      connection.setRequestMethod(method);
      connection.setRequestProperty("Accept", "application/json");
      if (contentType != null) {
        connection.setRequestProperty("Content-Type", contentType);
      }
      if (authorization != null) {
        connection.setRequestProperty("Authorization", authorization);
      }
      if (body != null) {
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body, 0, length);
        }
      }
      int status = connection.getResponseCode();
      JsonNode json =
          parse(read(status >= 400 ? connection.getErrorStream() : connection.getInputStream()));
      if (status >= 400) {
        String hint = status == 401 ? refusalHint : null;
        throw new ApiException(status, message(json), json, hint);
      }
      if (json.isTextual()) {
        throw new ApiException(status, "the server at " + baseUrl + " did not answer with JSON");
      }
      return json;
    } catch (ConnectException e) {
      throw new UnreachableException(baseUrl);
    } catch (SSLException e) {
      throw UnreachableException.tls(baseUrl, e);
    } catch (IOException e) {
      if (e.getCause() instanceof SSLException tlsFailure) {
        throw UnreachableException.tls(baseUrl, tlsFailure);
      }
      throw new UnreachableException(baseUrl + " (" + e.getMessage() + ")");
    }
  }

  /**
   * Ids go into request paths as they are: "../users/bob" as a repository id would make {@code repo
   * delete} delete a user, and a space would make no URL at all. Such an id is refused here.
   */
  static void checkPath(String path) {
    int query = path.indexOf('?');
    for (String segment : (query < 0 ? path : path.substring(0, query)).split("/", -1)) {
      if (segment.equals(".") || segment.equals("..") || !PATH_SEGMENT.matcher(segment).matches()) {
        throw new IllegalArgumentException(
            "'" + segment + "' is not a valid id: no spaces, no '/', and not '.' or '..'");
      }
    }
  }

  private static final java.util.regex.Pattern PATH_SEGMENT =
      java.util.regex.Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@%-]*");

  private HttpURLConnection open(String url) throws IOException {
    URLConnection connection;
    try {
      connection = URI.create(url).toURL().openConnection();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a server URL: " + baseUrl);
    }
    if (!(connection instanceof HttpURLConnection http)) {
      throw new IllegalArgumentException("not an http:// or https:// URL: " + baseUrl);
    }
    if (http instanceof HttpsURLConnection https && tls != null) {
      https.setSSLSocketFactory(tls.getSocketFactory());
    }
    http.setInstanceFollowRedirects(false);
    http.setConnectTimeout((int) Duration.ofSeconds(10).toMillis());
    http.setReadTimeout((int) Duration.ofMinutes(5).toMillis());
    return http;
  }

  private static String read(InputStream body) throws IOException {
    if (body == null) {
      return "";
    }
    try (body) {
      return new String(body.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Reads a response body as JSON; a body that is not JSON (a proxy's HTML error page, say) comes
   * back as a text node so that it is reported as the server's answer, not as an unreachable
   * server.
   */
  static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.nullNode();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return JSON.getNodeFactory().textNode(body);
    }
  }

  /**
   * The message of an error body: Pulp's {@code error_message}, else {@code error.description},
   * else the first line of a non-JSON body.
   */
  static String message(JsonNode body) {
    JsonNode message = body.path("error_message");
    if (message.isTextual() && !message.asText().isBlank()) {
      return message.asText();
    }
    JsonNode description = body.path("error").path("description");
    if (description.isTextual() && !description.asText().isBlank()) {
      return description.asText();
    }
    if (body.isTextual() && !body.asText().isBlank()) {
      String line = body.asText().strip().lines().findFirst().orElse("");
      return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
    return "the server gave no error message";
  }

  /** The server answered with an error. */
  public static final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final transient JsonNode body;
    private final String hint;

    ApiException(int status, String message) {
      this(status, message, null);
    }

    ApiException(int status, String message, JsonNode body) {
      this(status, message, body, null);
    }

    ApiException(int status, String message, JsonNode body, String hint) {
      super(message);
      this.status = status;
      this.body = body;
      this.hint = hint;
    }

    /** Whether the client said why its credentials were refused (see {@link #line()}). */
    public boolean explained() {
      return hint != null;
    }

    /**
     * The server's error body when it is a JSON object (Pulp's error report), else one built from
     * the status and message, so that {@code --json} always prints an object scripts can read.
     */
    public JsonNode json() {
      if (body != null && body.isObject()) {
        return body;
      }
      return JSON.createObjectNode().put("http_status", status).put("error_message", getMessage());
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }

    /** The line printed to stderr: {@code Error: <message> (HTTP <status>)}. */
    public String line() {
      return "Error: "
          + getMessage()
          + " (HTTP "
          + status
          + ")"
          + (hint == null ? "" : "\n" + hint);
    }
  }

  /** The server could not be reached. */
  public static final class UnreachableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnreachableException(String url) {
      super("cannot reach the Depot server at " + url + "; is it running? (./depot server)");
    }

    private UnreachableException(String message, Throwable cause) {
      super(message, cause);
    }

    /**
     * The server answered but TLS failed (an untrusted certificate, a name it does not hold...):
     * "is it running?" would send the user the wrong way, so this says what failed.
     */
    static UnreachableException tls(String url, SSLException e) {
      return new UnreachableException(
          "TLS with the Depot server at "
              + url
              + " failed: "
              + e.getMessage()
              + ". Trust the server's CA with --ca-cert FILE (a local server's is"
              + " <data-dir>/tls/ca.crt)",
          e);
    }
  }
}
