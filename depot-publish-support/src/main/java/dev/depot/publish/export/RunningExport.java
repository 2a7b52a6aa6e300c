package dev.depot.publish.export;

import dev.depot.plugin.PublishReport;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Forwards a cancel to the export a distributor instance is running. The platform cancels from
 * another thread, possibly before the export has started; then the export stops the moment it
 * starts.
 */
final class RunningExport {
  private volatile ExportJob job;
  private volatile boolean cancelRequested;

  /** Runs one export; an I/O failure is rethrown unchecked, for the platform to report. */
  PublishReport run(ExportJob export) {
    job = export;
    if (cancelRequested) {
      export.cancel();
    }
    try {
      return export.run();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      job = null;
    }
  }

  /** Asks the running export, or the next one to start, to stop. */
  void cancel() {
    cancelRequested = true;
    ExportJob running = job;
    if (running != null) {
      running.cancel();
    }
  }
}
