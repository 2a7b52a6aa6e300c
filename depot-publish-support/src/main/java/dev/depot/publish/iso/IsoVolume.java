package dev.depot.publish.iso;

import java.time.Instant;

/** What the volume descriptors say about the whole image, in both character sets. */
record IsoVolume(String primaryId, String jolietId, Instant time) {
  /** Derives both identifiers from one name: d-characters for ISO 9660, the name for Joliet. */
  static IsoVolume of(String name, Instant time) {
    String primary = IsoNames.dchars(name);
    return new IsoVolume(
        primary.substring(0, Math.min(32, primary.length())),
        name.substring(0, Math.min(16, name.length())),
        time);
  }
}
