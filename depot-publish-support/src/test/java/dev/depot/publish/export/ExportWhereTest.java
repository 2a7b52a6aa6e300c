package dev.depot.publish.export;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.PublishedLocation;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.ServedPath;
import dev.depot.plugin.Unit;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.iso.IsoReader;
import dev.depot.publish.testing.ListGroupPublishConduit;
import dev.depot.publish.testing.ListPublishConduit;
import java.io.IOException;
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
 * Where the export distributors say they serve and publish, and which layouts an export runs: only
 * those of the types the repository (or each group member) holds, so a repository of blobs gets no
 * {@code NOTES_INDEX} of the {@code note} layout.
 */
class ExportWhereTest {
  @TempDir Path dir;
  Platform platform;
  Repository repo;

  @BeforeEach
  void platform() throws IOException {
    platform = Platform.publishingUnder(dir.resolve("published"));
    repo = Repository.named("zoo").withWorkingDir(Files.createDirectories(dir.resolve("work")));
  }

  private void add(ListPublishConduit conduit, String type, String name) throws IOException {
    Path file = dir.resolve("content/units/" + type + "/" + name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, name);
    conduit.units.add(new Unit(name, type, Map.of("name", name), Map.of(), file));
  }

  private static List<ExportLayout> layouts() {
    return List.of(new NoteLayout(), new BlobLayout());
  }

  private static PluginCallConfiguration config(Map<String, Object> extra) {
    Map<String, Object> config = new LinkedHashMap<>(Map.of("http", true, "https", true));
    config.putAll(extra);
    return PluginCallConfiguration.of(config);
  }

  private ExportDistributor distributor() {
    ExportDistributor distributor = new ExportDistributor(layouts());
    distributor.init(platform);
    return distributor;
  }

  @Test
  void repositoryExportClaimsItsRelativeUrlUnderExports() {
    ExportDistributor distributor = distributor();

    assertThat(distributor.servedPaths(repo, config(Map.of())))
        .containsExactly(new ServedPath("relative_url", "exports/zoo", "zoo"));
    assertThat(distributor.servedPaths(repo, config(Map.of("relative_url", "media/zoo/"))))
        .containsExactly(new ServedPath("relative_url", "exports/media/zoo", "media/zoo/"));
    assertThat(distributor.servedPaths(repo, config(Map.of("relative_url", "../up")))).isEmpty();
    assertThat(distributor.servedPaths(repo, config(Map.of("export_dir", dir.toString()))))
        .as("an export written to a directory serves nothing")
        .isEmpty();
  }

  @Test
  void groupExportClaimsRepoGroupPathByDefault() {
    GroupExportDistributor distributor = new GroupExportDistributor(layouts());
    RepositoryGroup group = RepositoryGroup.of("zoos", List.of("zoo"));

    assertThat(distributor.servedPaths(group, config(Map.of())))
        .containsExactly(
            new ServedPath("relative_url", "exports/repo_group/zoos", "repo_group/zoos"));
    assertThat(distributor.servedPaths(group, config(Map.of("relative_url", "all"))))
        .containsExactly(new ServedPath("relative_url", "exports/all", "all"));
  }

  @Test
  void imageExportReportsEachServedProtocolWithTheTreeThatServesIt() throws IOException {
    ListPublishConduit conduit = new ListPublishConduit("export");
    add(conduit, "note", "hello.txt");

    PublishReport report =
        distributor()
            .publishRepo(repo, conduit, config(Map.of("https", false, "relative_url", "m/zoo")));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    Path tree = platform.servedRoot("http").resolve("exports/m/zoo");
    assertThat(((PublishReport.Published) report).locations())
        .containsExactly(new PublishedLocation("http", "/pulp/exports/m/zoo/", tree));
    try (Stream<Path> files = Files.list(tree)) {
      assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.endsWith(".iso"));
    }
  }

  @Test
  void exportDirIsReportedAsAFileLocation() throws IOException {
    ListPublishConduit conduit = new ListPublishConduit("export");
    add(conduit, "blob", "data.bin");
    Path media = Files.createDirectories(dir.resolve("media"));

    PublishReport report =
        distributor().publishRepo(repo, conduit, config(Map.of("export_dir", media.toString())));

    assertThat(((PublishReport.Published) report).locations())
        .containsExactly(new PublishedLocation("file", media.toString(), media));
  }

  @Test
  void exportOfARepositoryWithoutNotesWritesNoNoteMetadata() throws IOException {
    ListPublishConduit conduit = new ListPublishConduit("export");
    add(conduit, "blob", "data.bin");
    Path media = Files.createDirectories(dir.resolve("media"));

    distributor().publishRepo(repo, conduit, config(Map.of("export_dir", media.toString())));
    PublishReport images = distributor().publishRepo(repo, conduit, config(Map.of()));

    assertThat(media.resolve("data.bin")).hasContent("data.bin");
    assertThat(media.resolve("NOTES_INDEX")).doesNotExist();
    assertThat(images).isInstanceOf(PublishReport.Published.class);
    try (IsoReader reader =
        IsoReader.open(image(platform.servedRoot("http").resolve("exports/zoo")))) {
      assertThat(reader.find("data.bin")).isPresent();
      assertThat(reader.find("NOTES_INDEX")).isEmpty();
    }
  }

  @Test
  void groupExportWritesEachMembersMetadataOnlyForTheTypesItHolds() throws IOException {
    ListGroupPublishConduit conduit = new ListGroupPublishConduit("group-export");
    add(conduit.member("notes"), "note", "hello.txt");
    add(conduit.member("blobs"), "blob", "data.bin");
    Path media = Files.createDirectories(dir.resolve("media"));
    GroupExportDistributor distributor = new GroupExportDistributor(layouts());
    distributor.init(platform);
    RepositoryGroup group =
        RepositoryGroup.of("zoos", List.of("blobs", "notes")).withWorkingDir(repo.workingDir());

    PublishReport report =
        distributor.publishGroup(group, conduit, config(Map.of("export_dir", media.toString())));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(media.resolve("notes/NOTES_INDEX")).hasContent("notes/hello.txt\n");
    assertThat(media.resolve("blobs/data.bin")).hasContent("data.bin");
    assertThat(media.resolve("blobs/NOTES_INDEX")).doesNotExist();
  }

  private static Path image(Path tree) throws IOException {
    try (Stream<Path> files = Files.list(tree)) {
      return files.filter(p -> p.toString().endsWith(".iso")).findFirst().orElseThrow();
    }
  }

  @Test
  void anExportDirInsideOrHoldingTheDataDirectoryOrOfTheSystemIsRefusedNamingIt() throws Exception {
    Path data = Files.createDirectories(dir.resolve("depot-data/tls"));
    dev.depot.publish.files.LocalPaths.registerPrivate(data.getParent());
    Path media = Files.createDirectories(dir.resolve("media"));

    for (Path refused : List.of(data, dir, Path.of("/etc"))) {
      ValidationResult result =
          distributor()
              .validateConfig(
                  repo,
                  config(Map.of("export_dir", refused.toString())),
                  dev.depot.plugin.testkit.TestConfigConduit.empty());
      assertThat(result).as(refused.toString()).isInstanceOf(ValidationResult.Invalid.class);
      assertThat(((ValidationResult.Invalid) result).fields()).containsExactly("export_dir");
    }
    assertThat(
            distributor()
                .validateConfig(
                    repo,
                    config(Map.of("export_dir", media.toString())),
                    dev.depot.plugin.testkit.TestConfigConduit.empty()))
        .isEqualTo(ValidationResult.valid());
    // And at publish, where an override is checked again: nothing is written.
    ListPublishConduit conduit = new ListPublishConduit("export");
    add(conduit, "blob", "tls-file");
    PublishReport report =
        distributor().publishRepo(repo, conduit, config(Map.of("export_dir", data.toString())));
    assertThat(report).isNotInstanceOf(PublishReport.Published.class);
    assertThat(data.resolve("tls-file")).doesNotExist();
  }
}
