package dev.depot.publish.download;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.function.Consumer;

/**
 * One socket to an origin (directly, through a proxy, or through a proxy's tunnel), with the
 * buffered streams a response is read from. When a response body has been read to its end the
 * connection goes back to its pool, if the pool still wants it.
 */
final class HttpConnection {
  final Origin origin;
  final InputStream in;
  final OutputStream out;
  private final Socket socket;
  private final Consumer<HttpConnection> pool;

  HttpConnection(Origin origin, Socket socket, Consumer<HttpConnection> pool) throws IOException {
    this.origin = origin;
    this.socket = socket;
    this.pool = pool;
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = new BufferedOutputStream(socket.getOutputStream(), 4 * 1024);
  }

  /** Offers the connection for the next request; its previous response has been read whole. */
  void release() {
    pool.accept(this);
  }

  /** A CRLF- (or LF-) terminated line, null at end of stream before any byte. */
  String readLine(int[] budget) throws IOException {
    return readLine(in, budget);
  }

  /**
   * Reads a line from {@code in} one byte at a time, taking each byte from {@code budget[0]}, so
   * that a server sending an endless line fails instead of filling the memory.
   */
  static String readLine(InputStream in, int[] budget) throws IOException {
    StringBuilder line = new StringBuilder();
    for (int b; (b = in.read()) != '\n'; ) {
      if (b < 0) {
        if (line.isEmpty()) {
          return null;
        }
        throw new EOFException("the server closed the connection in the middle of a line");
      }
      if (--budget[0] < 0) {
        throw new IOException("the server's response head is too long");
      }
      line.append((char) b);
    }
    int end = line.length();
    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
  }

  void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // Nothing is left to do with a connection being thrown away.
    }
  }
}
