package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.GroupPublishConduit;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginCallConfiguration;
import dev.depot.plugin.PublishReport;
import dev.depot.plugin.Repository;
import dev.depot.plugin.RepositoryGroup;
import dev.depot.plugin.Unit;
import dev.depot.plugin.UnitSource;
import dev.depot.plugin.ValidationResult;
import dev.depot.publish.export.GroupExportDistributor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code group_export_distributor} against an in-memory group of two repositories. */
class GroupExportDistributorTest {
  @TempDir Path temp;

  @Test
  void serviceLoaderFindsTheGroupExportDistributor() {
    assertThat(ServiceLoader.load(GroupDistributor.class))
        .anySatisfy(d -> assertThat(d.metadata().id()).isEqualTo("group_export_distributor"));
  }

  @Test
  void refusesTheSameConfigsAsTheExportDistributorNamingTheKey() {
    ValidationResult result =
        new GroupExportDistributor()
            .validateConfig(
                RepositoryGroup.of("g", List.of()),
                config(Map.of("http", false, "https", false, "iso_prefix", "bad prefix!")));

    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    assertThat(((ValidationResult.Invalid) result).fields()).containsExactly("iso_prefix");
  }

  @Test
  void exportDirHoldsEachMemberUnderItsOwnDirectoryWithItsManifest() throws IOException {
    Path exportDir = Files.createDirectories(temp.resolve("export"));
    Map<String, List<Unit>> members = new LinkedHashMap<>();
    members.put("repo-a", List.of(unit("a1.iso", "alpha"), unit("sub/a2.iso", "alpha two")));
    members.put("repo-b", List.of(unit("b1.iso", "beta")));

    PublishReport report = publish(members, Map.of("export_dir", exportDir.toString()));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    assertThat(exportDir.resolve("repo-a/a1.iso")).hasContent("alpha");
    assertThat(exportDir.resolve("repo-a/sub/a2.iso")).hasContent("alpha two");
    assertThat(exportDir.resolve("repo-b/b1.iso")).hasContent("beta");
    assertThat(Files.readAllLines(exportDir.resolve("repo-a/PULP_MANIFEST")))
        .containsExactly(line("a1.iso", "alpha"), line("sub/a2.iso", "alpha two"));
    assertThat(Files.readAllLines(exportDir.resolve("repo-b/PULP_MANIFEST")))
        .containsExactly(line("b1.iso", "beta"));
    assertThat(exportDir.resolve("PULP_MANIFEST")).doesNotExist();
  }

  @Test
  void imagesArePublishedUnderTheGroupsExportUrl() throws IOException {
    Map<String, List<Unit>> members = new LinkedHashMap<>();
    members.put("repo-a", List.of(unit("a1.iso", "alpha")));
    members.put("repo-b", List.of(unit("b1.iso", "beta")));

    PublishReport report = publish(members, Map.of("iso_prefix", "both"));

    assertThat(report).isInstanceOf(PublishReport.Published.class);
    Path served = temp.resolve("publish/https/exports/repo_group/g1");
    try (var files = Files.list(served)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .anyMatch(name -> name.startsWith("both-") && name.endsWith("-01.iso"));
    }
  }

  private PublishReport publish(Map<String, List<Unit>> members, Map<String, Object> extra)
      throws IOException {
    GroupExportDistributor distributor = new GroupExportDistributor();
    distributor.init(Platform.publishingUnder(temp.resolve("publish")));
    Map<String, Object> config = new LinkedHashMap<>(Map.of("http", false, "https", true));
    config.putAll(extra);
    RepositoryGroup group =
        RepositoryGroup.of("g1", List.copyOf(members.keySet()))
            .withWorkingDir(Files.createDirectories(temp.resolve("work")));
    return distributor.publishGroup(group, new MemoryConduit(members), config(config));
  }

  private static PluginCallConfiguration config(Map<String, Object> config) {
    return new PluginCallConfiguration(Map.of(), config, Map.of());
  }

  private Unit unit(String name, String content) throws IOException {
    Path file = Files.createTempFile(temp, "unit", ".bin");
    Files.writeString(file, content);
    return new Unit(
        null,
        FileContentTypes.ISO,
        Map.of("name", name, "checksum", sha256(content), "size", (long) content.length()),
        Map.of(),
        file);
  }

  private static String line(String name, String content) {
    return name + "," + sha256(content) + "," + content.length();
  }

  private static String sha256(String content) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  private record MemoryConduit(Map<String, List<Unit>> units) implements GroupPublishConduit {
    @Override
    public String distributorId() {
      return "export";
    }

    @Override
    public List<Repository> members() {
      return units.keySet().stream().map(Repository::named).toList();
    }

    @Override
    public UnitSource units(String repoId) {
      return criteria -> units.get(repoId).stream();
    }

    @Override
    public Optional<Instant> lastPublish() {
      return Optional.empty();
    }

    @Override
    public void setProgress(Object report) {}
  }
}
