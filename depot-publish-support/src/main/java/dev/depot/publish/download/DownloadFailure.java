package dev.depot.publish.download;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * A download that did not produce the expected file. Its message is safe to show to users: it names
 * the URL (never credentials, which are not part of feed URLs) and what went wrong. The parts are
 * also kept apart ({@link #uri()}, {@link #reason()}, {@link #responseCode()}) for reports that
 * carry them as fields, the way Pulp's importers report {@code response_code} and {@code
 * response_msg} per file.
 */
public class DownloadFailure extends IOException {
  private static final long serialVersionUID = 1L;

  /** Whether trying again could help (a dropped connection or a 5xx), as opposed to a 404. */
  private final boolean transientFailure;

  private final URI uri;
  private final String reason;
  private final int responseCode;

  /** A failure with a message for users. */
  public DownloadFailure(URI uri, String message, boolean transientFailure, Throwable cause) {
    this(uri, 0, message, transientFailure, cause);
  }

  /**
   * A failure after the server answered {@code responseCode} (0 when no HTTP status is involved).
   */
  public DownloadFailure(
      URI uri, int responseCode, String message, boolean transientFailure, Throwable cause) {
    super(uri + ": " + message, cause);
    this.transientFailure = transientFailure;
    this.uri = uri;
    this.reason = message;
    this.responseCode = responseCode;
  }

  /** Whether a retry might succeed. */
  public boolean isTransient() {
    return transientFailure;
  }

  /** The URL (or label) that failed. */
  public URI uri() {
    return uri;
  }

  /**
   * What went wrong, without the URL: {@code "HTTP 404 Not Found"}, {@code "connection refused"}.
   */
  public String reason() {
    return reason;
  }

  /** The HTTP status the server answered, when the failure is that answer. */
  public OptionalInt responseCode() {
    return responseCode > 0 ? OptionalInt.of(responseCode) : OptionalInt.empty();
  }

  /**
   * The failure as Pulp's per-file error report: {@code response_code} (the HTTP status, or null
   * when there was none), {@code response_msg} (the reason) and {@code url}.
   */
  public Map<String, Object> errorReport() {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("response_code", responseCode > 0 ? responseCode : null);
    report.put("response_msg", reason);
    report.put("url", String.valueOf(uri));
    return report;
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
