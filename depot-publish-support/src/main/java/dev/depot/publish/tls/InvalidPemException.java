package dev.depot.publish.tls;

import java.security.GeneralSecurityException;

/**
 * PEM text that does not hold what was asked for. The message says what is wrong in words a user
 * can act on ({@code "no PRIVATE KEY block"}, {@code "encrypted keys are not supported; decrypt it
 * first"}) and never quotes key material.
 */
public final class InvalidPemException extends GeneralSecurityException {
  private static final long serialVersionUID = 1L;

  /** A problem described for users. */
  public InvalidPemException(String message) {
    super(message);
  }

  /** A problem described for users, found by the JDK's own parser. */
  public InvalidPemException(String message, Throwable cause) {
    super(message, cause);
  }
}
