package dev.depot.publish.rsync;

import java.io.Serial;

/**
 * rsync (or the ssh under it) ended with an error. The message is rsync's own, with the identity
 * and known-hosts paths removed, so it can be shown to users as is.
 */
public final class RsyncFailure extends Exception {
  @Serial private static final long serialVersionUID = 1L;

  private final int exitCode;

  RsyncFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  /** rsync's exit code. */
  public int exitCode() {
    return exitCode;
  }
}
