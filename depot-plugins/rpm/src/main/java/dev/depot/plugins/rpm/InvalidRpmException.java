package dev.depot.plugins.rpm;

/** A file that is not a sound RPM package: not one at all, truncated or corrupt. */
public final class InvalidRpmException extends Exception {
  private static final long serialVersionUID = 1L;

  /** A refusal whose message says what is wrong with the file. */
  public InvalidRpmException(String message) {
    super(message);
  }
}
