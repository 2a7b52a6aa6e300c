package dev.depot.publish.sync;

import dev.depot.plugin.SyncConduit;
import dev.depot.plugin.Unit;
import dev.depot.publish.download.DownloadFailure;
import dev.depot.publish.download.Downloader;
import dev.depot.publish.download.Downloader.Expected;
import dev.depot.publish.feed.FeedSettings;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Fetches the files a sync wants into the content store, {@code num_threads} at a time: a file
 * whose unit is stored already is only associated; any other is downloaded (or read out of an image
 * feed), checked against its size and SHA-256 whatever {@code validate} says, moved into place and
 * saved in batches ({@link UnitBatch}). The check is not optional because the content store is
 * shared: a file is stored at the place its unit key (size and digest included) decides and is then
 * taken as that key's bytes by every repository, so unchecked bytes there would be served to
 * repositories that did validate. Every file's outcome lands in the {@link SyncProgress}.
 *
 * <pre>{@code
 * try (FileFetch fetch = new FileFetch(conduit, downloader, progress, feed, u -> nameOf(u))) {
 *   for (each file the feed lists) {
 *     fetch.submit(new FileFetch.Wanted(TYPE, key, Map.of(), fileName, name, size, sha256,
 *         new FileFetch.Url(FeedSettings.fileUrl(feedDir, name))));
 *   }
 * } // waits for the downloads in flight and saves what finished, even when cancelled
 * }</pre>
 */
public final class FileFetch implements AutoCloseable {
  private static final String ORPHANED =
      "an orphan cleanup removed the stored file while this sync ran; sync again to fetch it";

  /** Where a wanted file's bytes are. */
  public sealed interface From permits Url, InSource {}

  /**
   * At a URL of the feed.
   *
   * @param url the file's URL
   */
  public record Url(URI url) implements From {}

  /**
   * In something that is not a URL, such as an image of an {@link
   * dev.depot.publish.feed.ImageFeed}.
   *
   * @param label names the file in errors, e.g. {@code file:///media/zoo-01.iso#a.iso}
   * @param source opens the bytes
   */
  public record InSource(URI label, Downloader.Source source) implements From {}

  /**
   * Reads a fetched file for its unit's metadata, for a type whose feed lists a file's key but not
   * all its metadata (an RPM's dependencies and file lists are in its headers).
   */
  @FunctionalInterface
  public interface Examiner {
    /**
     * The unit's metadata, read from its file.
     *
     * @param file the file, whole and verified, at its storage path
     * @param listed the metadata the feed listed
     * @throws IOException naming what is wrong: the file then fails and is not kept
     */
    Map<String, Object> metadata(Path file, Map<String, Object> listed) throws IOException;
  }

  /**
   * A file the feed lists, as the type's unit.
   *
   * @param typeId the unit's content type
   * @param unitKey the unit's key
   * @param metadata the unit's other fields
   * @param fileName the file's name in the content store
   * @param name the file as the progress report and errors name it
   * @param size its size in bytes, as the feed says, or -1 when the feed does not say
   * @param sha256 its SHA-256 in hex, as the feed says
   * @param from where its bytes are
   * @param examiner reads the rest of the unit's metadata from the file, or null when {@code
   *     metadata} is all of it
   */
  public record Wanted(
      String typeId,
      Map<String, Object> unitKey,
      Map<String, Object> metadata,
      String fileName,
      String name,
      long size,
      String sha256,
      From from,
      Examiner examiner) {
    /** A file whose listed metadata is all of its unit's. */
    public Wanted(
        String typeId,
        Map<String, Object> unitKey,
        Map<String, Object> metadata,
        String fileName,
        String name,
        long size,
        String sha256,
        From from) {
      this(typeId, unitKey, metadata, fileName, name, size, sha256, from, null);
    }
  }

  private final SyncConduit conduit;
  private final Downloader downloader;
  private final SyncProgress progress;
  private final Semaphore slots;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final UnitBatch saver;
  private volatile boolean cancelled;

  /**
   * Starts the batch saver; downloads start with the first {@link #submit}.
   *
   * @param conduit the sync's conduit
   * @param downloader reaches the feed; {@link #cancel} cancels it
   * @param progress where each file's outcome is counted
   * @param feed gives {@code num_threads}
   * @param nameOf names a unit in the progress report, for a unit that could not be saved
   */
  public FileFetch(
      SyncConduit conduit,
      Downloader downloader,
      SyncProgress progress,
      FeedSettings feed,
      Function<Unit, String> nameOf) {
    this.conduit = conduit;
    this.downloader = downloader;
    this.progress = progress;
    this.slots = new Semaphore(feed.numThreads());
    this.saver = new UnitBatch(conduit, unit -> progress.unsaved(nameOf.apply(unit), ORPHANED));
  }

  /**
   * Starts fetching a file; waits while {@code num_threads} files are in flight.
   *
   * @throws CancellationException once the sync is cancelled: stop listing files
   */
  public void submit(Wanted file) {
    if (cancelled) {
      throw new CancellationException("sync cancelled");
    }
    slots.acquireUninterruptibly();
    pool.execute(
        () -> {
          try {
            fetch(file);
          } finally {
            slots.release();
          }
        });
  }

  /** Stops the downloads in flight and refuses new ones; what finished is still saved. */
  public void cancel() {
    cancelled = true;
    downloader.cancel();
  }

  /** Whether {@link #cancel} was called. */
  public boolean cancelled() {
    return cancelled;
  }

  /**
   * Waits for the files in flight and saves every unit that finished; closing again does nothing.
   *
   * @throws RuntimeException what saving failed with, if anything
   */
  @Override
  public void close() throws InterruptedException {
    pool.close();
    saver.close();
  }

  private void fetch(Wanted file) {
    // The bytes this file told the progress: taken back unless the file is stored, so the bytes
    // done are those of stored files, not of one that then failed its checksum.
    AtomicLong told = new AtomicLong();
    LongConsumer bytes =
        n -> {
          told.addAndGet(n);
          progress.bytes(n);
        };
    boolean stored = false;
    try {
      Unit unit = conduit.initUnit(file.typeId(), file.unitKey(), file.metadata(), file.fileName());
      // The storage path follows from the unit key, and a file only gets there once verified:
      // if it is there, the unit is stored (or about to be), and nothing is fetched.
      if (hasFile(unit, file.size())) {
        saver.add(file.examiner() == null ? unit : storedOrExamined(unit, file));
        progress.finished(Math.max(0, file.size()));
        return;
      }
      Expected expected = new Expected(file.size(), file.sha256());
      Downloader.Fetched fetched =
          switch (file.from()) {
            case Url(URI url) -> downloader.fetch(url, unit.storagePath(), expected, bytes);
            case InSource(URI label, Downloader.Source source) ->
                downloader.store(label, source, unit.storagePath(), expected, bytes);
          };
      saver.add(file.examiner() == null ? unit : examinedOrDropped(unit, file));
      stored = true;
      // The file counts its own size once: a retry that started over told some bytes twice, and
      // a source that tells none (or fewer) still moves the count by the file's bytes.
      progress.notStored(Math.max(0, told.get() - fetched.size()));
      progress.finished(Math.max(0, fetched.size() - told.get()));
    } catch (ExaminationFailed e) {
      progress.notStored(told.getAndSet(0));
      progress.failed(file.name(), e.getMessage());
    } catch (CancellationException e) {
      // Counted as neither finished nor failed: the sync as a whole says cancelled.
    } catch (DownloadFailure e) {
      progress.notStored(told.getAndSet(0));
      progress.failed(file.name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      progress.notStored(told.getAndSet(0));
      progress.failed(file.name(), e.toString());
    } finally {
      if (!stored) {
        progress.notStored(told.getAndSet(0)); // cancelled or interrupted part-way
      }
    }
  }

  /** A stored unit as stored; a file another sync is storing right now, examined here too. */
  private Unit storedOrExamined(Unit unit, Wanted file) throws ExaminationFailed {
    Unit stored = conduit.findUnit(unit.typeId(), unit.unitKey()).orElse(null);
    return stored != null ? stored : examined(unit, file);
  }

  /** The unit with its examined metadata; its file removed when the examiner refuses it. */
  private Unit examinedOrDropped(Unit unit, Wanted file) throws ExaminationFailed {
    try {
      return examined(unit, file);
    } catch (ExaminationFailed e) {
      try {
        Files.deleteIfExists(unit.storagePath()); // downloaded by this fetch, and no unit's file
      } catch (IOException ignored) {
        // An orphan cleanup removes stray files in the content store.
      }
      throw e;
    }
  }

  private static Unit examined(Unit unit, Wanted file) throws ExaminationFailed {
    try {
      Map<String, Object> metadata = file.examiner().metadata(unit.storagePath(), file.metadata());
      return new Unit(unit.id(), unit.typeId(), unit.unitKey(), metadata, unit.storagePath());
    } catch (IOException | RuntimeException e) {
      throw new ExaminationFailed(e.getMessage() == null ? e.toString() : e.getMessage());
    }
  }

  /** An examiner refused a file: it fails with that message. */
  private static final class ExaminationFailed extends Exception {
    ExaminationFailed(String message) {
      super(message);
    }
  }

  private static boolean hasFile(Unit unit, long size) {
    // isRegularFile first: it answers "no" without the exception Files.size throws inside the JDK,
    // and most files of a first sync are not there yet.
    try {
      return unit.storagePath() != null
          && Files.isRegularFile(unit.storagePath())
          && (size < 0 || Files.size(unit.storagePath()) == size);
    } catch (IOException e) {
      return false;
    }
  }
}
