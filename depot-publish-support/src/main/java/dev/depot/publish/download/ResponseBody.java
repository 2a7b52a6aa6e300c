package dev.depot.publish.download;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A response body: reads end exactly where its framing says; at that end a reusable connection goes
 * back to its pool, and closing before it closes the connection, which is also how a download
 * blocked in a read is cancelled from another thread.
 */
abstract sealed class ResponseBody extends InputStream
    permits ResponseBody.Fixed, ResponseBody.Chunked, ResponseBody.UntilClose {
  final HttpConnection connection;
  private final boolean reusable;
  private volatile boolean done;
  private volatile boolean closed;

  ResponseBody(HttpConnection connection, boolean reusable) {
    this.connection = connection;
    this.reusable = reusable;
  }

  /** The body that follows {@code head} on {@code connection}, framed as the head says. */
  static ResponseBody following(ResponseHead head, HttpConnection connection) throws IOException {
    boolean keepAlive = head.keepAlive();
    String transfer = head.headers().get("transfer-encoding");
    if (head.status() == 204 || head.status() == 304) {
      return new Fixed(connection, 0, keepAlive);
    }
    if (transfer != null) {
      return transfer.toLowerCase(Locale.ROOT).endsWith("chunked")
          ? new Chunked(connection, keepAlive)
          : new UntilClose(connection); // a coding we do not speak ends with the connection
    }
    String length = head.headers().get("content-length");
    return length != null
        ? new Fixed(connection, ResponseHead.contentLength(length), keepAlive)
        : new UntilClose(connection);
  }

  /** Reads at most {@code len} bytes of the body, -1 at its end (then {@link #end} was called). */
  abstract int readBody(byte[] b, int off, int len) throws IOException;

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public final int read(byte[] b, int off, int len) throws IOException {
    if (closed) {
      throw new IOException("the response body is closed");
    }
    if (done) {
      return -1;
    }
    if (len == 0) {
      return 0;
    }
    return readBody(b, off, len);
  }

  /** The body has been read to its end. */
  final void end() {
    done = true;
    if (reusable && !closed) {
      connection.release();
    } else {
      connection.close();
    }
  }

  @Override
  public final void close() {
    if (!closed) {
      closed = true;
      if (!done) {
        connection.close(); // wakes a reader blocked in another thread, too
      }
    }
  }

  /** A body of a known length. */
  static final class Fixed extends ResponseBody {
    private long left;

    Fixed(HttpConnection connection, long length, boolean reusable) {
      super(connection, reusable);
      this.left = length;
      if (length == 0) {
        end();
      }
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      int n = connection.in.read(b, off, (int) Math.min(len, left));
      if (n < 0) {
        throw new EOFException("the server closed the connection " + left + " bytes early");
      }
      left -= n;
      if (left == 0) {
        end();
      }
      return n;
    }
  }

  /** A body in chunks, each preceded by its size, ending with an empty chunk. */
  static final class Chunked extends ResponseBody {
    private long chunkLeft;

    Chunked(HttpConnection connection, boolean reusable) {
      super(connection, reusable);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      if (chunkLeft == 0) {
        chunkLeft = nextChunkSize();
        if (chunkLeft == 0) {
          skipTrailers();
          end();
          return -1;
        }
      }
      int n = connection.in.read(b, off, (int) Math.min(len, chunkLeft));
      if (n < 0) {
        throw new EOFException("the server closed the connection inside a chunk");
      }
      chunkLeft -= n;
      if (chunkLeft == 0) {
        String crlf = connection.readLine(new int[] {2});
        if (crlf == null || !crlf.isEmpty()) {
          throw new IOException("a chunk does not end with CRLF");
        }
      }
      return n;
    }

    private long nextChunkSize() throws IOException {
      String line = connection.readLine(new int[] {KeepAliveHttp.MAX_LINE_BYTES});
      if (line == null) {
        throw new EOFException("the server closed the connection before the last chunk");
      }
      int extension = line.indexOf(';');
      String hex = (extension >= 0 ? line.substring(0, extension) : line).strip();
      try {
        long size = Long.parseLong(hex, 16);
        if (size < 0) {
          throw new NumberFormatException();
        }
        return size;
      } catch (NumberFormatException e) {
        throw new IOException("bad chunk size: " + ResponseHead.printable(line), e);
      }
    }

    private void skipTrailers() throws IOException {
      int[] budget = {KeepAliveHttp.MAX_HEADER_BYTES};
      for (String line; (line = connection.readLine(budget)) != null && !line.isEmpty(); ) {
        // Trailer fields carry nothing a file download needs.
      }
    }
  }

  /** A body without framing: it ends when the server closes the connection. */
  static final class UntilClose extends ResponseBody {
    UntilClose(HttpConnection connection) {
      super(connection, false);
    }

    @Override
    int readBody(byte[] b, int off, int len) throws IOException {
      int n = connection.in.read(b, off, len);
      if (n < 0) {
        end();
      }
      return n;
    }
  }
}
