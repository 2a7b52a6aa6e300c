package dev.depot.server.error;

import java.util.Map;

/**
 * A request the server has no room for: a body above its cap (413), an upload chunk the disk cannot
 * hold (507), or an upload request beyond the number it keeps open (429). Pulp has no code of its
 * own for these, so they carry its generic PLP0000, and {@code error.data} says which limit and by
 * how much.
 */
public final class LimitExceeded extends DepotException {
  private static final long serialVersionUID = 1L;

  private final Map<String, Object> data;

  private LimitExceeded(int status, String message, Map<String, Object> data) {
    super(status, "PLP0000", message, null);
    this.data = Map.copyOf(data);
  }

  /**
   * A request body larger than {@code limit} bytes.
   *
   * @param what what the body is, e.g. "request body" or "upload chunk"
   * @param setting the server setting that raises the limit
   */
  public static LimitExceeded tooLarge(String what, long limit, String setting) {
    return new LimitExceeded(
        413,
        "The "
            + what
            + " is larger than the server accepts ("
            + limit
            + " bytes; the server's "
            + setting
            + " setting)",
        Map.of("limit_bytes", limit, "setting", setting));
  }

  /**
   * Not enough disk for an upload chunk.
   *
   * @param usable bytes still free where uploads are kept
   * @param reserve bytes the server keeps free
   */
  public static LimitExceeded diskFull(long usable, long reserve) {
    return new LimitExceeded(
        507,
        "Not enough disk space for this upload chunk ("
            + usable
            + " bytes free, "
            + reserve
            + " kept in reserve); nothing of the chunk was kept: free space and send it again",
        Map.of("usable_bytes", usable, "reserve_bytes", reserve));
  }

  /**
   * As many open upload requests as the server keeps: each holds a file until it is imported,
   * deleted or abandoned, so their number is bounded like their bytes.
   */
  public static LimitExceeded tooManyUploads(int limit) {
    return new LimitExceeded(
        429,
        "The server holds "
            + limit
            + " open upload requests, as many as it keeps: delete those done with"
            + " (DELETE /pulp/api/v2/content/uploads/<id>/) or wait for abandoned ones to expire",
        Map.of("limit", limit));
  }

  @Override
  public Map<String, Object> data() {
    return data;
  }
}
