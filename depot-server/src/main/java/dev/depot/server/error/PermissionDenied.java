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
    this(403, user, operation);
  }

  private PermissionDenied(int status, String user, String operation) {
    super(status, "PLP0026", "Permission denied: " + user + " may not " + operation, null);
    this.user = user;
    this.operation = operation;
  }

  /**
   * A user without the permission an API call needs: 403 PLP0026. (Pulp 2 answers 401 here; 403
   * says what happened, keeps 401 for credentials that failed, and matches how a consumer's refusal
   * is answered.)
   *
   * @param login the user
   * @param operation e.g. {@code EXECUTE on /v2/repositories/zoo/actions/sync/}
   */
  public static PermissionDenied forUser(String login, String operation) {
    return new PermissionDenied(403, login, operation);
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
