package dev.depot.plugins.puppet;

import java.io.IOException;

/** A file that is not a sound Puppet module release; the message says why, for the user. */
final class InvalidModuleException extends IOException {
  private static final long serialVersionUID = 1L;

  InvalidModuleException(String message) {
    super(message);
  }
}
