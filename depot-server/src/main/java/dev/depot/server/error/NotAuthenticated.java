package dev.depot.server.error;

import java.util.Map;

/** Missing or wrong credentials: 401, PLP0025 (none given) or PLP0030 (wrong ones). */
public final class NotAuthenticated extends DepotException {
  private static final long serialVersionUID = 1L;

  private final String authErrorCode;

  private NotAuthenticated(String code, String message, String authErrorCode) {
    super(401, code, message, null);
    this.authErrorCode = authErrorCode;
  }

  /** No credentials were sent. */
  public static NotAuthenticated missingCredentials() {
    return new NotAuthenticated(
        "PLP0025", "Authentication failed: no credentials given", "authentication_failed");
  }

  /** The user name or password is wrong. */
  public static NotAuthenticated badCredentials() {
    return new NotAuthenticated(
        "PLP0030",
        "Authentication failed: invalid username or password",
        "invalid_username_or_password");
  }

  @Override
  public Map<String, Object> topLevel() {
    return Map.of("auth_error_code", authErrorCode);
  }
}
