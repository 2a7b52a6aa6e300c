package dev.depot.server.error;

import java.util.Map;

/**
 * An authenticated caller asking for something it may not do: 403, PLP0026. A consumer
 * authenticated by its certificate meets this outside its own {@code /consumers/<id>/} paths.
 */
public final class PermissionDenied extends DepotException {
  private static final long serialVersionUID = 1L;

  private final String user;
  private final String operation;

  /**
   * @param user who asked, e.g. {@code consumer:web01}
   * @param operation what was asked, e.g. {@code GET /pulp/api/v2/repositories/}
   */
  public PermissionDenied(String user, String operation) {
    super(403, "PLP0026", "Permission denied: " + user + " may not " + operation, null);
    this.user = user;
    this.operation = operation;
  }

  @Override
  public Map<String, Object> data() {
    return Map.of("user", user, "operation", operation);
  }

  @Override
  public Map<String, Object> topLevel() {
    return Map.of("auth_error_code", "permission_denied");
  }
}
