package dev.depot.server.error;

/**
 * A request Pulp refuses with 403 and a code of its own rather than for a missing permission
 * (Pulp's {@code PulpCodedForbiddenException}): a task purge naming no state, PLP1012.
 */
public final class CodedForbidden extends DepotException {
  private static final long serialVersionUID = 1L;

  private CodedForbidden(String code, String message) {
    super(403, code, message, null);
  }

  /** A 403 with Pulp's {@code code}. */
  public static CodedForbidden of(String code, String message) {
    return new CodedForbidden(code, message);
  }
}
