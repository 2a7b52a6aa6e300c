package dev.depot.publish.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.Unit;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.iso.IsoReader;
import dev.depot.publish.testing.ListPublishConduit;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generic export distributor given the layouts of two made-up types: {@code note} (files under
 * {@code notes/} and a {@code NOTES_INDEX}) and {@code blob} (files at the root, no metadata).
 * Nothing here knows of {@code iso} units.
 */
class ExportDistributorTest {
  @TempDir Path dir;
  Platform platform;
  Repository repo;
  ListPublishConduit conduit = new ListPublishConduit("export");

  static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @BeforeEach
  void units() throws IOException {
    platform = Platform.publishingUnder(dir.resolve("published"));
    repo = Repository.named("zoo").withWorkingDir(Files.createDirectories(dir.resolve("work")));
    add("note", "hello.txt", "hello");
    add("note", "bye.txt", "bye");
    add("blob", "data.bin", "0101");
  }

  private void add(String type, String name, String content) throws IOException {
    Path file = dir.resolve("content/units/" + type + "/" + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    conduit.units.add(new Unit(name, type, Map.of("name", name), Map.of(), file));
  }

  private ExportDistributor distributor() {
    ExportDistributor distributor =
        new ExportDistributor(List.of(new NoteLayout(), new BlobLayout()));
    distributor.init(platform);
    return distributor;
  }

  private PublishReport publish(ExportDistributor distributor, Map<String, Object> extra) {
    Map<String, Object> config = new LinkedHashMap<>(Map.of("http", true, "https", false));
    config.putAll(extra);
    return distributor.publishRepo(repo, conduit, PluginCallConfiguration.of(config));
  }

  @Test
  void handlesTheTypesOfItsLayoutsUnderPulpsSingleId() {
    assertThat(distributor().metadata().id()).isEqualTo("export_distributor");
    assertThat(distributor().metadata().types()).containsExactly("blob", "note");
  }

  @Test
  void exportDirHoldsEachTypesFilesWhereItsLayoutPutsThemWithItsMetadata() throws IOException {
    Path exportDir = Files.createDirectories(dir.resolve("media"));

    PublishReport report = publish(distributor(), Map.of("export_dir", exportDir.toString()));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(exportDir.resolve("notes/hello.txt")).hasContent("hello");
    assertThat(exportDir.resolve("notes/bye.txt")).hasContent("bye");
    assertThat(exportDir.resolve("data.bin")).hasContent("0101");
    assertThat(Files.readAllLines(exportDir.resolve("NOTES_INDEX")))
        .containsExactly("notes/hello.txt", "notes/bye.txt");
    try (Stream<Path> all = Files.walk(exportDir)) {
      assertThat(all.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    assertThat(summary(report)).containsEntry("files", 3L).containsEntry("metadata_files", 1L);
    long copied;
    try (Stream<Path> all = Files.walk(exportDir)) {
      copied = all.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
    assertThat(summary(report)).containsEntry("bytes_written", copied);
  }

  @Test
  void imagesCarryEveryTypesFilesAndMetadataAndArePublishedAtTheRelativeUrl() throws IOException {
    PublishReport report =
        publish(distributor(), Map.of("relative_url", "media/zoo", "iso_prefix", "zoo"));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    Path served = platform.servedRoot("http").resolve("exports/media/zoo");
    Path image;
    try (Stream<Path> files = Files.list(served)) {
      image = files.filter(p -> p.toString().endsWith("-01.iso")).findFirst().orElseThrow();
    }
    assertThat(image.resolveSibling(image.getFileName() + ".DIGESTS")).exists();
    try (IsoReader reader = IsoReader.open(image)) {
      assertThat(read(reader, "notes/hello.txt")).isEqualTo("hello");
      assertThat(read(reader, "data.bin")).isEqualTo("0101");
      assertThat(read(reader, "NOTES_INDEX")).isEqualTo("notes/hello.txt\nnotes/bye.txt\n");
    }
    assertThat(summary(report)).containsEntry("relative_path", "/pulp/exports/media/zoo/");
    // Progress counts the files' bytes, done never past the total: an image's own structures
    // (32 KB before the first file, whole sectors) made it read 140 KiB of 37 KiB.
    long total = (long) summary(report).get("bytes_total");
    assertThat(summary(report)).containsEntry("bytes_written", total);
    assertThat(total).isEqualTo(12 + "notes/hello.txt\nnotes/bye.txt\n".length());
    assertThat(summary(report)).containsEntry("files", 3L).containsEntry("metadata_files", 1L);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> summary(PublishReport report) {
    return (Map<String, Object>) report.summary();
  }

  private static String read(IsoReader reader, String path) throws IOException {
    try (InputStream in = reader.open(reader.find(path).orElseThrow())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aSkippedTypeIsLeftOutButItsMetadataStillWritten() throws IOException {
    Path exportDir = Files.createDirectories(dir.resolve("media"));

    PublishReport report =
        publish(distributor(), Map.of("export_dir", exportDir.toString(), "skip", List.of("note")));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(exportDir.resolve("data.bin")).hasContent("0101");
    assertThat(exportDir.resolve("notes")).doesNotExist();
    assertThat(exportDir.resolve("NOTES_INDEX")).isEmptyFile();
  }

  /**
   * {@code skip} as comma-separated text (as {@code --option skip=note} sends it, and the importers
   * and yum_distributor take it) was refused, and a misspelt type was taken silently: the export
   * then carried the units the user meant to leave out.
   */
  @Test
  void skipTakesCommaSeparatedTextAndRefusesATypeNoExportHas() throws IOException {
    Path exportDir = Files.createDirectories(dir.resolve("media"));
    Map<String, Object> misspelt =
        Map.of("export_dir", exportDir.toString(), "skip", List.of("nots"));

    ValidationResult refused =
        distributor().validateConfig(repo, PluginCallConfiguration.of(misspelt), null);
    PublishReport failed = publish(distributor(), misspelt);

    assertThat(refused).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) refused).message())
        .contains("skip names types no export has: nots");
    assertThat(failed).isInstanceOf(PublishReport.Failed.class);
    assertThat(exportDir.resolve("notes")).doesNotExist();
    PublishReport report =
        publish(distributor(), Map.of("export_dir", exportDir.toString(), "skip", "note"));
    assertThat(report).as(report.toString()).isInstanceOf(PublishReport.Published.class);
    assertThat(exportDir.resolve("data.bin")).hasContent("0101");
    assertThat(exportDir.resolve("notes")).doesNotExist();
  }

  @Test
  void aCancelBeforeThePublishStartsLeavesNothingPublished() {
    ExportDistributor distributor = distributor();
    distributor.cancelPublishRepo();

    PublishReport report = publish(distributor, Map.of());

    assertThat(report).isInstanceOf(PublishReport.Canceled.class);
    assertThat(platform.servedRoot("http").resolve("exports/zoo")).doesNotExist();
  }

  @Test
  void twoLayoutsOfOneTypeAreRefused() {
    assertThatIllegalStateException()
        .isThrownBy(() -> new ExportDistributor(List.of(new NoteLayout(), new NoteLayout())))
        .withMessageContaining("two export layouts for content type note");
  }
}
