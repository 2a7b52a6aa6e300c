package dev.depot.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What {@code repo publish} says an export wrote, counted in words a user would write. */
class ExportSummaryCliEndToEndTest extends CliServerTest {
  @Test
  void anExportOfOneFileSaysOneUnitFileAndOneMetadataFile() throws Exception {
    Path feed =
        FileContentEndToEndTest.feed(
            dir.resolve("feed"),
            Map.of("only.iso", "one\n".getBytes(StandardCharsets.UTF_8)),
            null);
    Path media = java.nio.file.Files.createDirectories(dir.resolve("media"));
    server.succeed(
        "repo",
        "create",
        "zoo",
        "--importer",
        "iso_importer",
        "--importer-option",
        "feed=" + feed.toUri(),
        "--distributor",
        "export_distributor:dvd",
        "--distributor-option",
        "dvd.http=true",
        "--distributor-option",
        "dvd.https=false",
        "--distributor-option",
        "dvd.export_dir=" + media);
    server.succeed("repo", "sync", "zoo");

    String published = server.succeed("repo", "publish", "zoo", "--distributor", "dvd").out();

    // Said once: the directory is where the summary says it wrote, not "pushed over file" again.
    assertThat(published)
        .isEqualTo(
            "Repository zoo published by dvd (1 unit file and 1 metadata file written to "
                + media
                + ")\n");
  }
}
