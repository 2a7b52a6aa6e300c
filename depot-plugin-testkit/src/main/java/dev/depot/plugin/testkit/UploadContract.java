package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.UploadReport;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of an {@link dev.depot.plugin.Importer} that takes uploads, as JUnit tests; it
 * includes the {@link ImporterContract}. Implement it in a test class and supply, on top of that
 * contract's methods, {@link #uploadOf} (what a client sends along with an uploaded file):
 *
 * <pre>{@code
 * public UnitSpec uploadOf(String name, byte[] content) {
 *   return new UnitSpec("note", Map.of("name", name, "checksum", sha256(content)), Map.of(), name);
 * }
 * }</pre>
 *
 * <p>Each check uploads files into an {@link InMemoryContent} repository with a new importer, as
 * the platform would: an upload becomes a unit whose stored file holds the uploaded bytes; the same
 * file uploaded twice is stored once; a file that does not match the unit key it came with (its
 * checksum, say) is refused and not stored. A type whose unit key says nothing of the bytes
 * switches the last check off with {@code @Test @Disabled("why")}.
 */
public interface UploadContract extends ImporterContract {

  /**
   * The type id, unit key and metadata a client sends with an upload of {@code content} named
   * {@code name} (the spec's file name is not used).
   */
  UnitSpec uploadOf(String name, byte[] content);

  /**
   * The bytes of edition {@code edition} (1 or 2) of the file uploaded as {@code name}: different
   * for every name and edition. The default is a few lines of text; a type that reads what is
   * uploaded (a module tarball, a package) overrides it to build a sound file of its type, whose
   * two editions are two different units (two versions, say).
   */
  default byte[] uploadedBytes(String name, int edition) throws IOException {
    return Publishing.bytes(name, edition);
  }

  /** An uploaded file becomes a unit of the repository whose stored file holds its bytes. */
  @Test
  default void anUploadBecomesAUnitHoldingItsBytes(@TempDir Path dir) throws IOException {
    Uploading world = new Uploading(this, dir);
    byte[] bytes = uploadedBytes("uploaded", 1);
    UploadReport report = world.upload(uploadOf("uploaded", bytes), bytes);
    world.assertSucceeded(report, "the upload");
    assertThat(world.content.unitsHolding(bytes))
        .as("units of the repository whose stored file holds the uploaded bytes")
        .hasSize(1)
        .allSatisfy(u -> assertThat(u.storagePath()).startsWith(world.content.storeDir()));
  }

  /** The same file uploaded twice is one unit with one stored file. */
  @Test
  default void theSameFileUploadedTwiceIsStoredOnce(@TempDir Path dir) throws IOException {
    Uploading world = new Uploading(this, dir);
    byte[] bytes = uploadedBytes("twice", 1);
    world.assertSucceeded(world.upload(uploadOf("twice", bytes), bytes), "the first upload");
    world.assertSucceeded(world.upload(uploadOf("twice", bytes), bytes), "the second upload");
    assertThat(world.content.units()).as("units after uploading one file twice").hasSize(1);
    assertThat(world.content.storedFiles())
        .as("files in the content store after uploading one file twice")
        .hasSize(1);
  }

  /** A file whose bytes are not those its unit key describes is refused, and nothing is stored. */
  @Test
  default void anUploadNotMatchingItsUnitKeyIsRefused(@TempDir Path dir) throws IOException {
    Uploading world = new Uploading(this, dir);
    byte[] claimed = uploadedBytes("claimed", 1);
    byte[] sent = uploadedBytes("claimed", 2);
    UploadReport report = world.upload(uploadOf("claimed", claimed), sent);
    assertThat(report)
        .as("an upload whose bytes do not match its unit key succeeded")
        .isInstanceOf(UploadReport.Refused.class);
    assertThat(world.content.units()).as("units after a refused upload").isEmpty();
    assertThat(world.content.storedFiles())
        .as("files in the content store after a refused upload")
        .isEmpty();
  }
}
