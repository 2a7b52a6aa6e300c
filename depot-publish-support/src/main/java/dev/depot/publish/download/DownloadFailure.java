package dev.depot.publish.download;

import java.io.IOException;
import java.net.URI;

/**
 * A download that did not produce the expected file. Its message is safe to show to users: it names
 * the URL (never credentials, which are not part of feed URLs) and what went wrong.
 */
public class DownloadFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** Whether trying again could help (a dropped connection or a 5xx), as opposed to a 404. */
  private final boolean transientFailure;

  /** A failure with a message for users. */
  public DownloadFailure(URI uri, String message, boolean transientFailure, Throwable cause) {
    super(uri + ": " + message, cause);
    this.transientFailure = transientFailure;
  }

  /** Whether a retry might succeed. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The file arrived but its size or checksum is not what the feed promised. */
  public static final class Mismatch extends DownloadFailure {
    private static final long serialVersionUID = 1L;

    /** A mismatch on one URL. */
    public Mismatch(URI uri, String message) {
      super(uri, message, false, null);
    }
  }
}
