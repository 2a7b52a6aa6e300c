package dev.depot.plugins.rpm;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.Writer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A writer that hands its text, in chunks, to a thread of its own that writes it on: a publish
 * reads units on one thread while primary, filelists and other are each encoded and gzipped on
 * another, so on two cores the compression costs next to nothing. At most {@link #QUEUED} chunks
 * wait, so memory stays flat however fast the reader is. A failure of the thread surfaces at the
 * next write or at {@link #close}.
 */
final class BackgroundWriter extends Writer {
  private static final int CHUNK = 64 * 1024;
  private static final int QUEUED = 4;
  private static final String END = new String("end of text"); // compared by identity

  private final BlockingQueue<String> queue = new ArrayBlockingQueue<>(QUEUED);
  private final Writer target;
  private final Thread thread;
  private final StringBuilder chunk = new StringBuilder(CHUNK + 4096);
  private volatile Throwable failure;
  private boolean closed;

  /** Starts the thread that writes to {@code target}, which {@link #close} closes. */
  BackgroundWriter(Writer target, String name) {
    this.target = target;
    this.thread = Thread.ofVirtual().name(name).start(this::drain);
  }

  private void drain() {
    try {
      for (String text = queue.take(); text != END; text = queue.take()) {
        target.write(text);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      failure = e;
      queue.clear(); // frees a writer waiting on a full queue; it sees the failure next
    }
  }

  @Override
  public void write(char[] text, int offset, int length) throws IOException {
    chunk.append(text, offset, length);
    handOffIfFull();
  }

  @Override
  public void write(String text) throws IOException {
    chunk.append(text);
    handOffIfFull();
  }

  private void handOffIfFull() throws IOException {
    if (chunk.length() >= CHUNK) {
      put(chunk.toString());
      chunk.setLength(0);
    }
  }

  private void put(String text) throws IOException {
    checkFailure();
    try {
      queue.put(text);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while handing text to " + thread.getName());
    }
  }

  private void checkFailure() throws IOException {
    Throwable f = failure;
    if (f instanceof IOException io) {
      throw new IOException(thread.getName() + " failed: " + io.getMessage(), io);
    }
    if (f != null) {
      throw new IOException(thread.getName() + " failed", f);
    }
  }

  /** Text is written when a chunk is full or at {@link #close}; a flush waits for neither. */
  @Override
  public void flush() {}

  /**
   * Hands off what is left, waits for the thread to write everything, closes the target.
   *
   * @throws IOException if the thread failed to write
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (!chunk.isEmpty() && failure == null) {
        put(chunk.toString());
      }
    } finally {
      finishThread();
      target.close();
    }
    checkFailure();
  }

  private void finishThread() throws IOException {
    boolean interrupted = false;
    while (true) {
      try {
        if (failure == null) {
          queue.put(END);
        }
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the thread must be gone before the target closes
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while " + thread.getName() + " finished");
    }
  }
}
