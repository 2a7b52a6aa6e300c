package dev.depot.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.depot.server.db.Json;
import dev.depot.server.error.InvalidValue;
import java.util.List;
import java.util.Map;

/**
 * One API call as the endpoints see it: path parameters, query parameters and the JSON body,
 * already authenticated. No HTTP server types leak past this class.
 *
 * @param method the HTTP method
 * @param path the request path
 * @param pathParams values of the route's {@code {name}} segments
 * @param query query parameters
 * @param body the request body, read as text or streamed (once)
 * @param caller who is calling
 */
record ApiRequest(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    Body body,
    Caller caller) {

  /** A request body: JSON endpoints read it as text, uploads stream it. */
  interface Body {
    /** The whole body as UTF-8 text, empty when there is none; 413 above the JSON body cap. */
    String text();

    /**
     * The body's bytes as they arrive, never held in memory whole.
     *
     * @param limit the most bytes accepted; beyond, reading throws {@code LimitExceeded} (413)
     * @param setting the server setting that sets {@code limit}, for the error message
     * @param what what the body is, for the error message
     */
    java.io.InputStream stream(long limit, String setting, String what);

    /** The length the client declared, or -1 when it sends the body in chunks. */
    long declaredLength();
  }

  String param(String name) {
    return pathParams.get(name);
  }

  /** Whether a query flag such as {@code ?details=true} is set. */
  boolean flag(String name) {
    List<String> values = query.get(name);
    return values != null && values.stream().anyMatch(v -> v.equalsIgnoreCase("true"));
  }

  /**
   * The body as a JSON object. An empty body is an empty object where {@code emptyAllowed}.
   *
   * @throws InvalidValue PLP1009 for text that is not JSON, PLP1015 for another JSON type
   */
  Map<String, Object> jsonObject(boolean emptyAllowed) {
    String body = this.body.text();
    if (body.isBlank()) {
      if (emptyAllowed) {
        return Map.of();
      }
      throw InvalidValue.coded("PLP1009", "The request body is empty; a JSON object is expected");
    }
    Object parsed;
    try {
      parsed = Json.mapper().readValue(body, Object.class);
    } catch (JsonProcessingException e) {
      throw InvalidValue.coded(
          "PLP1009", "The request body does not contain valid JSON: " + e.getOriginalMessage());
    }
    if (!(parsed instanceof Map<?, ?>)) {
      throw InvalidValue.coded(
          "PLP1015", "The request body must be a JSON object, not " + JsonFields.typeName(parsed));
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) parsed;
    return object;
  }
}
