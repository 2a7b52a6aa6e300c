package dev.depot.publish.iso;

import java.time.Instant;

/**
 * The primary volume descriptor (ECMA-119 8.4), the Joliet supplementary one (same layout, UCS-2
 * identifiers, escape sequence {@code %/E} for UCS-2 level 3) and the set terminator.
 */
final class VolumeDescriptors {
  private static final String APPLICATION = "DEPOT";

  private VolumeDescriptors() {}

  static byte[] primary(IsoLayout layout, IsoVolume volume) {
    Instant time = volume.time();
    byte[] b = common(1, layout, time);
    IsoBytes.ascii(b, 8, 32, "");
    IsoBytes.ascii(b, 40, 32, volume.primaryId());
    IsoBytes.both32(b, 132, layout.primaryPathTableBytes);
    IsoBytes.le32(b, 140, layout.primaryPathTableL);
    IsoBytes.be32(b, 148, layout.primaryPathTableM);
    IsoNode root = layout.root;
    byte[] record = DirectoryRecords.root(root.extent, root.primaryBytes, time);
    System.arraycopy(record, 0, b, 156, record.length);
    for (int at : new int[] {190, 318, 446, 574}) {
      IsoBytes.ascii(b, at, 128, at == 574 ? APPLICATION : "");
    }
    for (int at : new int[] {702, 739, 776}) {
      IsoBytes.ascii(b, at, 37, "");
    }
    return b;
  }

  static byte[] joliet(IsoLayout layout, IsoVolume volume) {
    Instant time = volume.time();
    byte[] b = common(2, layout, time);
    IsoBytes.ucs2(b, 8, 32, "");
    IsoBytes.ucs2(b, 40, 32, volume.jolietId());
    b[88] = '%';
    b[89] = '/';
    b[90] = 'E';
    IsoBytes.both32(b, 132, layout.jolietPathTableBytes);
    IsoBytes.le32(b, 140, layout.jolietPathTableL);
    IsoBytes.be32(b, 148, layout.jolietPathTableM);
    IsoNode root = layout.root;
    byte[] record = DirectoryRecords.root(root.jolietExtent, root.jolietBytes, time);
    System.arraycopy(record, 0, b, 156, record.length);
    for (int at : new int[] {190, 318, 446, 574}) {
      IsoBytes.ucs2(b, at, 128, at == 574 ? APPLICATION : "");
    }
    for (int at : new int[] {702, 739, 776}) {
      IsoBytes.ucs2(b, at, 37, "");
    }
    return b;
  }

  static byte[] terminator() {
    byte[] b = new byte[IsoBytes.SECTOR];
    b[0] = (byte) 255;
    IsoBytes.ascii(b, 1, 5, "CD001");
    b[6] = 1;
    return b;
  }

  private static byte[] common(int type, IsoLayout layout, Instant time) {
    byte[] b = new byte[IsoBytes.SECTOR];
    b[0] = (byte) type;
    IsoBytes.ascii(b, 1, 5, "CD001");
    b[6] = 1;
    IsoBytes.both32(b, 80, layout.totalSectors);
    IsoBytes.both16(b, 120, 1); // volume set size
    IsoBytes.both16(b, 124, 1); // volume sequence number
    IsoBytes.both16(b, 128, IsoBytes.SECTOR);
    IsoBytes.volumeDate(b, 813, time); // creation
    IsoBytes.volumeDate(b, 830, time); // modification
    IsoBytes.volumeDate(b, 847, null); // expiration
    IsoBytes.volumeDate(b, 864, null); // effective
    b[881] = 1; // file structure version
    return b;
  }
}
