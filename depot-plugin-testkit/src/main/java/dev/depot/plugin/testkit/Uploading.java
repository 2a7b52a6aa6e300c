package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Importer;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.UploadReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The world {@link UploadContract} uploads in: an {@link InMemoryContent} repository, a directory
 * of uploaded files, and the call the platform makes for each upload.
 */
final class Uploading {
  final InMemoryContent content;
  private final UploadContract contract;
  private final Path uploads;
  private final Platform platform;
  private int count;

  Uploading(UploadContract contract, Path dir) throws IOException {
    this.contract = contract;
    this.content = InMemoryContent.under(dir, contract.repository().id());
    this.uploads = Files.createDirectories(dir.resolve("uploads"));
    this.platform = Platform.publishingUnder(dir.resolve("publish"));
  }

  /**
   * Uploads {@code bytes} (a new upload file each time) as {@code spec} says, with a new importer.
   */
  UploadReport upload(UnitSpec spec, byte[] bytes) throws IOException {
    Path file = Files.write(uploads.resolve("upload-" + ++count), bytes);
    Importer importer = contract.newImporter();
    importer.init(platform);
    UploadReport report =
        importer.uploadUnit(
            content.taskRepository(),
            spec.typeId(),
            spec.unitKey(),
            spec.metadata(),
            file,
            content.uploadConduit(),
            PluginCallConfiguration.of(contract.validConfig()));
    assertThat(report).as("uploadUnit's report").isNotNull();
    return report;
  }

  void assertSucceeded(UploadReport report, String what) {
    assertThat(report).as("the report of %s", what).isInstanceOf(UploadReport.Imported.class);
  }
}
