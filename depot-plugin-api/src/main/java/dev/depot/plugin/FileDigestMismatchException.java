package dev.depot.plugin;

import java.io.IOException;
import java.util.Objects;

/**
 * A file's bytes do not have the digest its feed or its uploader promised. Thrown by {@link
 * UnitSink#storeFile} after it removed what it had copied: nothing of the file is stored.
 */
public final class FileDigestMismatchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** The file's name, as given to {@code storeFile}. */
  private final String fileName;

  /** What the file should have been. */
  private final transient FileDigest expected;

  /** What its bytes were. */
  private final transient FileDigest actual;

  /**
   * A mismatch for one file.
   *
   * @param fileName the file's name
   * @param expected the digest it should have had
   * @param actual the digest of the bytes that came
   */
  public FileDigestMismatchException(String fileName, FileDigest expected, FileDigest actual) {
    super(
        fileName
            + ": expected "
            + Objects.requireNonNull(expected, "expected")
            + " but the bytes have "
            + Objects.requireNonNull(actual, "actual")
            + "; the file was not stored");
    this.fileName = fileName;
    this.expected = expected;
    this.actual = actual;
  }

  /** The file's name, as given to {@code storeFile}. */
  public String fileName() {
    return fileName;
  }

  /** The digest the file should have had. */
  public FileDigest expected() {
    return expected;
  }

  /** The digest of the bytes that came. */
  public FileDigest actual() {
    return actual;
  }
}
