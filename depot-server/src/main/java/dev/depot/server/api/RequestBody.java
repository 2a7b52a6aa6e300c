package dev.depot.server.api;

import dev.depot.server.error.LimitExceeded;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * A Jetty request's body, read under a cap. A declared length above the cap is refused before a
 * byte is read, so a client waiting on {@code Expect: 100-continue} never sends it; a chunked body
 * is refused as soon as it passes the cap, so no body is ever held in memory beyond it.
 *
 * <p>What a refused request still sends is read and dropped (up to {@link #DRAIN_LIMIT}) before the
 * answer: closing a connection with unread bytes makes the kernel reset it, and the client then
 * loses the error body it was about to read.
 */
final class RequestBody implements ApiRequest.Body {
  static final String JSON_SETTING = "max-request-body";

  /** Beyond this many bytes a refused body is not worth the wait: the connection is closed. */
  static final long DRAIN_LIMIT = 64L << 20;

  private final Request request;
  private final long maxJson;
  private String text;

  RequestBody(Request request, long maxJson) {
    this.request = request;
    this.maxJson = maxJson;
  }

  @Override
  public String text() {
    if (text == null) {
      try (InputStream in = stream(maxJson, JSON_SETTING, "request body")) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        text = bytes.toString(StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the request body", e);
      }
    }
    return text;
  }

  @Override
  public InputStream stream(long limit, String setting, String what) {
    if (request.getLength() > limit) {
      throw LimitExceeded.tooLarge(what, limit, setting);
    }
    return new Capped(Content.Source.asInputStream(request), limit, setting, what);
  }

  @Override
  public long declaredLength() {
    return request.getLength();
  }

  /**
   * Reads and drops up to {@link #DRAIN_LIMIT} bytes of what is left of a body.
   *
   * @return whether the body's end was reached
   */
  static boolean drain(InputStream rest) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long drained = 0;
    for (int n; drained < DRAIN_LIMIT; drained += n) {
      n = rest.read(buffer);
      if (n < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Counts what passes and refuses the byte after the cap. Closed before the body's end (a refusal,
   * a failed write), it drains the rest first: Jetty's stream, closed early, fails the request's
   * content, and nothing could be drained after that.
   */
  private static final class Capped extends FilterInputStream {
    private final long limit;
    private final String setting;
    private final String what;
    private long count;
    private boolean ended;

    Capped(InputStream in, long limit, String setting, String what) {
      super(in);
      this.limit = limit;
      this.setting = setting;
      this.what = what;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        counted(1);
      } else {
        ended = true;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      int n = super.read(buffer, offset, length);
      if (n > 0) {
        counted(n);
      } else if (n < 0) {
        ended = true;
      }
      return n;
    }

    @Override
    public void close() throws IOException {
      try {
        if (!ended) {
          ended = drain(in);
        }
      } catch (IOException e) {
        // The client went away: there is nobody left to answer, and the close below still runs.
      } finally {
        super.close();
      }
    }

    private void counted(int n) {
      count += n;
      if (count > limit) {
        throw LimitExceeded.tooLarge(what, limit, setting);
      }
    }
  }
}
