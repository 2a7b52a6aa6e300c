package dev.depot.plugins.file;

/** What an iso publish did, for its progress report and result. */
final class PublishCounts {
  final long total;
  String mode = "full";
  long fromVersion = -1;
  long processed;
  long added;
  long removed;
  long unchanged;

  PublishCounts(long total) {
    this.total = total;
  }
}
