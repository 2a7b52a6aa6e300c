package dev.depot.plugins.puppet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A feed's {@code PULP_MANIFEST}: read line by line, bad lines named, its length bounded. */
class PulpManifestTest {
  private static final String SHA = "ab".repeat(32);
  private static final URI FEED = URI.create("http://forge.example/modules/");

  @TempDir Path dir;

  private Path manifest(String... lines) throws IOException {
    return Files.write(dir.resolve("PULP_MANIFEST"), List.of(lines));
  }

  @Test
  void listsEachTarballWithItsChecksumAndSizeSkippingBlankLines() throws IOException {
    Path file = manifest("acme-ntp-1.0.0.tar.gz," + SHA.toUpperCase() + ",600", "", " ");

    List<RemoteModule> modules = PulpManifest.read(file, FEED);

    assertThat(modules).hasSize(1);
    assertThat(modules.get(0).url())
        .isEqualTo(URI.create("http://forge.example/modules/acme-ntp-1.0.0.tar.gz"));
    assertThat(modules.get(0).sha256()).isEqualTo(SHA);
    assertThat(modules.get(0).size()).isEqualTo(600);
  }

  @Test
  void aManifestListingMoreModulesThanTheBoundIsRefused() throws IOException {
    Path file = manifest("a-a-1.0.0.tar.gz," + SHA + ",1", "", "a-b-1.0.0.tar.gz," + SHA + ",1");

    assertThat(PulpManifest.read(file, FEED, 2)).hasSize(2);
    Files.writeString(
        file, "a-c-1.0.0.tar.gz," + SHA + ",1\n", java.nio.file.StandardOpenOption.APPEND);
    assertThatThrownBy(() -> PulpManifest.read(file, FEED, 2))
        .isInstanceOf(IOException.class)
        .hasMessage("PULP_MANIFEST lists more than 2 modules; refused");
  }

  @Test
  void aBadLineOrANameLeavingTheDirectoryIsNamedByItsNumber() throws IOException {
    Path bad = manifest("a-a-1.0.0.tar.gz," + SHA + ",1", "", "../x.tar.gz," + SHA + ",1");

    assertThatThrownBy(() -> PulpManifest.read(bad, FEED))
        .hasMessage("PULP_MANIFEST line 3 is not '<file name>,<sha256>,<size>'");
  }
}
