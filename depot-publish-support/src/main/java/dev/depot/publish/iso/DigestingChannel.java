package dev.depot.publish.iso;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.WritableByteChannel;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A channel that writes through to another and computes the {@link Digests#ALGORITHMS} of every
 * byte on the way, on worker threads: the writer copies each megabyte into a ring of chunks and
 * goes on writing, so hashing overlaps the image's I/O instead of reading the finished image six
 * more times. The writer only waits when the workers fall a whole ring behind.
 *
 * <p>Each worker owns some algorithms, balanced by cost: MD5, SHA-384 and SHA-512 take about twice
 * as long per byte as SHA-1, SHA-224 and SHA-256 (SHA extensions), so the slow ones are spread out.
 * Not thread-safe: one writer at a time.
 */
final class DigestingChannel implements WritableByteChannel {
  private static final int CHUNK = 1 << 20;
  private static final int CHUNKS = 8;
  private static final Map<String, Integer> COST =
      Map.of("MD5", 2, "SHA-1", 1, "SHA-224", 1, "SHA-256", 1, "SHA-384", 2, "SHA-512", 2);

  private final WritableByteChannel out;
  private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
  private final List<Lane> lanes = new ArrayList<>();
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private Chunk filling;
  private boolean finished;

  DigestingChannel(WritableByteChannel out) {
    this.out = out;
    for (int i = 0; i < CHUNKS; i++) {
      free.add(new Chunk());
    }
    int processors = Runtime.getRuntime().availableProcessors();
    // At least three lanes: even on two cores the writer mostly waits for the kernel, and three
    // lanes of equal cost keep both cores busy to the end instead of one finishing early.
    int count = Math.min(Digests.ALGORITHMS.size(), Math.max(3, processors));
    for (int i = 0; i < count; i++) {
      lanes.add(new Lane(i));
    }
    List<String> byCost = new ArrayList<>(Digests.ALGORITHMS);
    byCost.sort(Comparator.comparing((String a) -> COST.get(a)).reversed());
    for (String algorithm : byCost) {
      lanes.stream().min(Comparator.comparingInt(l -> l.cost)).orElseThrow().add(algorithm);
    }
    lanes.forEach(Lane::start);
  }

  @Override
  public int write(ByteBuffer src) throws IOException {
    ensureOpen();
    int length = src.remaining();
    ByteBuffer copy = src.duplicate();
    while (copy.hasRemaining()) {
      if (filling == null) {
        filling = take();
      }
      int n = Math.min(copy.remaining(), CHUNK - filling.length);
      copy.get(filling.bytes, filling.length, n);
      filling.length += n;
      if (filling.length == CHUNK) {
        dispatch();
      }
    }
    while (src.hasRemaining()) {
      out.write(src);
    }
    return length;
  }

  /**
   * Hex digests of everything written, keyed by algorithm in {@link Digests#ALGORITHMS} order. Ends
   * the channel: nothing more may be written.
   */
  Map<String, String> digests() throws IOException {
    ensureOpen();
    if (filling != null && filling.length > 0) {
      dispatch();
    }
    stopLanes();
    Throwable failed = failure.get();
    if (failed != null) {
      throw new IOException("computing the image's digests failed", failed);
    }
    Map<String, String> hex = new LinkedHashMap<>();
    for (String algorithm : Digests.ALGORITHMS) {
      for (Lane lane : lanes) {
        MessageDigest digest = lane.digests.get(algorithm);
        if (digest != null) {
          hex.put(algorithm, HexFormat.of().formatHex(digest.digest()));
        }
      }
    }
    return hex;
  }

  @Override
  public boolean isOpen() {
    return !finished;
  }

  /** Stops the workers; the channel written to stays open, as it belongs to the caller. */
  @Override
  public void close() {
    if (!finished) {
      stopLanes();
    }
  }

  private void ensureOpen() {
    if (finished) {
      throw new IllegalStateException("the digests were already taken");
    }
  }

  private Chunk take() throws IOException {
    try {
      return free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClosedByInterruptException();
    }
  }

  private void dispatch() {
    Chunk chunk = filling;
    filling = null;
    chunk.pending.set(lanes.size());
    for (Lane lane : lanes) {
      lane.queue.add(chunk); // cannot overflow: a lane's queue holds every chunk there is
    }
  }

  private void stopLanes() {
    finished = true;
    for (Lane lane : lanes) {
      lane.queue.add(Chunk.END);
    }
    boolean interrupted = false;
    for (Lane lane : lanes) {
      while (lane.thread.isAlive()) {
        try {
          lane.thread.join();
        } catch (InterruptedException e) {
          interrupted = true; // the lanes end on their own once they reach END; wait for them
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Chunk {
    static final Chunk END = new Chunk(0);

    final byte[] bytes;
    final AtomicInteger pending = new AtomicInteger();
    int length;

    Chunk() {
      this(CHUNK);
    }

    private Chunk(int size) {
      this.bytes = new byte[size];
    }
  }

  private final class Lane {
    final Map<String, MessageDigest> digests = new LinkedHashMap<>();
    final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(CHUNKS + 1);
    final Thread thread;
    int cost;

    Lane(int index) {
      this.thread = Thread.ofPlatform().daemon().name("iso-digest-" + index).unstarted(this::run);
    }

    void add(String algorithm) {
      try {
        digests.put(algorithm, MessageDigest.getInstance(algorithm));
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("JDK lacks " + algorithm, e); // every JDK must have them
      }
      cost += COST.get(algorithm);
    }

    void start() {
      thread.start();
    }

    private void run() {
      while (true) {
        Chunk chunk;
        try {
          chunk = queue.take();
        } catch (InterruptedException e) {
          failure.compareAndSet(null, e);
          return;
        }
        if (chunk == Chunk.END) {
          return;
        }
        try {
          if (failure.get() == null) {
            for (MessageDigest digest : digests.values()) {
              digest.update(chunk.bytes, 0, chunk.length);
            }
          }
        } catch (RuntimeException | Error e) {
          failure.compareAndSet(null, e);
        } finally {
          // Released whatever happened, so that the writer never waits on a lane that failed.
          if (chunk.pending.decrementAndGet() == 0) {
            chunk.length = 0;
            free.add(chunk);
          }
        }
      }
    }
  }
}
