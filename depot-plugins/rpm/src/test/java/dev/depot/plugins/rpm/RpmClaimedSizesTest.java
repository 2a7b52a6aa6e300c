package dev.depot.plugins.rpm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A header's claimed sizes are not trusted with memory: a file of a hundred bytes whose headers
 * claim the largest store rpm allows is refused as truncated without the heap it claims being
 * allocated (several uploads of it at once would exhaust the server's).
 */
class RpmClaimedSizesTest {
  private static final byte[] HEADER_MAGIC = {(byte) 0x8e, (byte) 0xad, (byte) 0xe8, 1, 0, 0, 0, 0};

  @TempDir Path dir;

  @Test
  void aTinyFileClaimingHugeHeadersIsRefusedWithoutAllocatingThem() throws Exception {
    ByteBuffer rpm = ByteBuffer.allocate(96 + 16 + 16);
    rpm.put(new byte[] {(byte) 0xed, (byte) 0xab, (byte) 0xee, (byte) 0xdb, 3, 0, 0, 1});
    rpm.position(96);
    rpm.put(HEADER_MAGIC).putInt(0).putInt(0); // an empty signature header
    rpm.put(HEADER_MAGIC).putInt(0).putInt(RpmHeader.MAX_STORE);
    Path file = Files.write(dir.resolve("claims.rpm"), rpm.array());

    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> RpmStructure.read(file))
        .isInstanceOf(InvalidRpmException.class)
        .hasMessage("the RPM is truncated: it ends inside its main header");
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;
    assertThat(allocated).isLessThan(16L << 20);
  }

  @Test
  void aTagOfMoreValuesThanAnyPackageHasIsRefusedBeforeTheyAreDecoded() throws Exception {
    int count = RpmHeader.MAX_VALUES + 1;
    byte[] store = new byte[count]; // that many empty strings, or bytes: one byte each
    ByteBuffer index = ByteBuffer.allocate(32);
    index.putInt(RpmTags.BASENAMES).putInt(8).putInt(0).putInt(count); // STRING_ARRAY
    index.putInt(RpmTags.FILEFLAGS).putInt(2).putInt(0).putInt(count); // INT8
    RpmHeader header = RpmHeader.of(index.array(), store, "the main header");

    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long before = threads.getCurrentThreadAllocatedBytes();
    assertThatThrownBy(() -> header.strings(RpmTags.BASENAMES))
        .isInstanceOf(InvalidRpmException.class)
        .hasMessageContaining("holds " + count + " values, more than the " + RpmHeader.MAX_VALUES);
    assertThatThrownBy(() -> header.numbers(RpmTags.FILEFLAGS))
        .isInstanceOf(InvalidRpmException.class)
        .hasMessageContaining("holds " + count + " values");
    assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1L << 20);
  }

  @Test
  void aTagOfManyValuesBelowTheCapIsRead() throws Exception {
    int count = 100_000;
    ByteBuffer index = ByteBuffer.allocate(16);
    index.putInt(RpmTags.BASENAMES).putInt(8).putInt(0).putInt(count);
    RpmHeader header = RpmHeader.of(index.array(), new byte[count], "the main header");

    assertThat(header.strings(RpmTags.BASENAMES)).hasSize(count).allMatch(String::isEmpty);
  }
}
