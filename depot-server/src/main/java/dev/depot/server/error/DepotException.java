package dev.depot.server.error;

import java.util.List;
import java.util.Map;

/**
 * Root of the server's failures that users see. Each subtype carries the Pulp error code and the
 * HTTP status it answers with; the mapping to Pulp's error body happens once, in the API. Messages
 * name the field and the bad value but never a secret.
 */
public abstract sealed class DepotException extends RuntimeException
    permits MissingResource,
        InvalidValue,
        DuplicateResource,
        InvalidConfig,
        PluginFailure,
        NotAuthenticated,
        PermissionDenied,
        CodedForbidden,
        LimitExceeded {
  private static final long serialVersionUID = 1L;

  private final int httpStatus;
  private final String code;

  DepotException(int httpStatus, String code, String message, Throwable cause) {
    super(message, cause);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  /** The HTTP status this failure answers with. */
  public int httpStatus() {
    return httpStatus;
  }

  /** Pulp's error code, e.g. {@code PLP0009}. */
  public String code() {
    return code;
  }

  /** The {@code error.data} object of the error body. */
  public Map<String, Object> data() {
    return Map.of();
  }

  /** Keys merged at the top level of the error body, as Pulp does per exception class. */
  public Map<String, Object> topLevel() {
    return Map.of();
  }

  /** Nested errors (e.g. one per refused distributor). */
  public List<DepotException> subErrors() {
    return List.of();
  }
}
