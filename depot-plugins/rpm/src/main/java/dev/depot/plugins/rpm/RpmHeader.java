package dev.depot.plugins.rpm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One header structure of an RPM file (the signature or the main header): an index of tagged
 * entries and the store they point into. Entries are decoded when asked, and every offset and count
 * is checked against the store, so a corrupt header is refused rather than read past its end.
 */
public final class RpmHeader {
  /** The first bytes of every header structure: magic, version 1 and four reserved bytes. */
  static final byte[] MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 0x01};

  /** Larger indexes or stores than rpm itself accepts are refused before anything is allocated. */
  static final int MAX_ENTRIES = 1 << 16;

  static final int MAX_STORE = 256 << 20;

  /**
   * The most values one tag may hold. rpm allows as many as fit the store, so a 256 MB header of
   * empty strings or bytes would decode to hundreds of millions of objects (gigabytes of heap); the
   * largest real packages list tens of thousands of files or dependencies.
   */
  static final int MAX_VALUES = 1 << 20;

  private static final int CHAR = 1;
  private static final int INT8 = 2;
  private static final int INT16 = 3;
  private static final int INT32 = 4;
  private static final int INT64 = 5;
  private static final int STRING = 6;
  private static final int BIN = 7;
  private static final int STRING_ARRAY = 8;
  private static final int I18NSTRING = 9;

  private record Entry(int type, int offset, int count) {}

  private final Map<Integer, Entry> entries;
  private final byte[] store;

  private RpmHeader(Map<Integer, Entry> entries, byte[] store) {
    this.entries = entries;
    this.store = store;
  }

  /**
   * A header from its index bytes (16 per entry) and its store.
   *
   * @throws InvalidRpmException when an entry's type is unknown or its data lies outside the store
   */
  static RpmHeader of(byte[] index, byte[] store, String what) throws InvalidRpmException {
    ByteBuffer in = ByteBuffer.wrap(index);
    Map<Integer, Entry> entries = new HashMap<>();
    while (in.remaining() >= 16) {
      int tag = in.getInt();
      Entry entry = new Entry(in.getInt(), in.getInt(), in.getInt());
      if (entry.type < 0 || entry.type > I18NSTRING) {
        throw new InvalidRpmException(what + " has an entry of unknown type " + entry.type);
      }
      if (entry.offset < 0 || entry.offset > store.length || entry.count < 0) {
        throw new InvalidRpmException(what + " has an entry pointing outside its store");
      }
      entries.putIfAbsent(tag, entry);
    }
    return new RpmHeader(entries, store);
  }

  /** Whether the header has the tag. */
  public boolean has(int tag) {
    return entries.containsKey(tag);
  }

  /** A STRING or I18NSTRING tag's value (the first translation), or the first of an array. */
  public Optional<String> string(int tag) throws InvalidRpmException {
    List<String> all = strings(tag);
    return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
  }

  /** A string tag's values; empty when the header lacks it. */
  public List<String> strings(int tag) throws InvalidRpmException {
    Entry entry = entries.get(tag);
    if (entry == null) {
      return List.of();
    }
    if (entry.type != STRING && entry.type != STRING_ARRAY && entry.type != I18NSTRING) {
      throw new InvalidRpmException("header tag " + tag + " is not a string");
    }
    int count = entry.type == STRING ? 1 : checkedCount(tag, entry);
    List<String> values = new ArrayList<>(count);
    int at = entry.offset;
    for (int i = 0; i < count; i++) {
      int end = at;
      while (end < store.length && store[end] != 0) {
        end++;
      }
      if (end >= store.length) {
        throw new InvalidRpmException("header tag " + tag + " runs past the header's store");
      }
      values.add(end == at ? "" : new String(store, at, end - at, StandardCharsets.UTF_8));
      at = end + 1;
    }
    return values;
  }

  private static int checkedCount(int tag, Entry entry) throws InvalidRpmException {
    if (entry.count > MAX_VALUES) {
      throw new InvalidRpmException(
          "header tag "
              + tag
              + " holds "
              + entry.count
              + " values, more than the "
              + MAX_VALUES
              + " Depot reads (no real package has that many files or dependencies)");
    }
    return entry.count;
  }

  /** An integer tag's values (INT8 to INT64, read unsigned below 64 bits); empty when absent. */
  public long[] numbers(int tag) throws InvalidRpmException {
    Entry entry = entries.get(tag);
    if (entry == null) {
      return new long[0];
    }
    int width =
        switch (entry.type) {
          case CHAR, INT8 -> 1;
          case INT16 -> 2;
          case INT32 -> 4;
          case INT64 -> 8;
          default -> throw new InvalidRpmException("header tag " + tag + " is not a number");
        };
    if ((long) entry.count * width > store.length - entry.offset) {
      throw new InvalidRpmException("header tag " + tag + " runs past the header's store");
    }
    ByteBuffer in = ByteBuffer.wrap(store, entry.offset, entry.count * width);
    long[] values = new long[checkedCount(tag, entry)];
    for (int i = 0; i < values.length; i++) {
      values[i] =
          switch (width) {
            case 1 -> in.get() & 0xffL;
            case 2 -> in.getShort() & 0xffffL;
            case 4 -> in.getInt() & 0xffffffffL;
            default -> in.getLong();
          };
    }
    return values;
  }

  /** An integer tag's first value. */
  public Optional<Long> number(int tag) throws InvalidRpmException {
    long[] values = numbers(tag);
    return values.length == 0 ? Optional.empty() : Optional.of(values[0]);
  }

  /** A BIN tag's data, checked against the store; empty when absent. */
  Optional<byte[]> binary(int tag) throws InvalidRpmException {
    int length = binaryLength(tag);
    if (length < 0) {
      return Optional.empty();
    }
    int offset = entries.get(tag).offset;
    return Optional.of(java.util.Arrays.copyOfRange(store, offset, offset + length));
  }

  /** The size of a BIN tag's data, checked against the store; -1 when absent. */
  int binaryLength(int tag) throws InvalidRpmException {
    Entry entry = entries.get(tag);
    if (entry == null) {
      return -1;
    }
    if (entry.type != BIN || entry.count > store.length - entry.offset) {
      throw new InvalidRpmException("header tag " + tag + " is not binary data within the store");
    }
    return entry.count;
  }
}
