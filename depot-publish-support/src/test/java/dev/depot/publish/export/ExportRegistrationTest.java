package dev.depot.publish.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.GroupDistributor;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How plugins register the one export distributor: each names the generic classes in its own
 * services files and contributes a layout; the registry then finds one export distributor whose
 * types are the layouts'. Plugin jars are stood in for by directories with services files.
 */
class ExportRegistrationTest {
  @TempDir Path dir;

  /** A "plugin" that names the generic distributors and, if given, a layout. */
  private URL plugin(String name, String layout) throws IOException {
    Path services = Files.createDirectories(dir.resolve(name + "/META-INF/services"));
    Files.writeString(
        services.resolve(Distributor.class.getName()), ExportDistributor.class.getName() + "\n");
    Files.writeString(
        services.resolve(GroupDistributor.class.getName()),
        GroupExportDistributor.class.getName() + "\n");
    if (layout != null) {
      Files.writeString(services.resolve(ExportLayout.class.getName()), layout + "\n");
    }
    return dir.resolve(name).toUri().toURL();
  }

  @Test
  void twoPluginsNamingTheExportDistributorGiveOneWithBothTheirTypes() throws Exception {
    URL notes = plugin("notes", NoteLayout.class.getName());
    URL blobs = plugin("blobs", BlobLayout.class.getName());
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (URLClassLoader loader =
        new URLClassLoader(new URL[] {notes, blobs}, getClass().getClassLoader())) {
      // The platform instantiates plugins with their loader as the thread's context.
      Thread.currentThread().setContextClassLoader(loader);

      var distributors = ServiceLoader.load(Distributor.class, loader).stream().toList();
      var groups = ServiceLoader.load(GroupDistributor.class, loader).stream().toList();

      assertThat(distributors).hasSize(1);
      assertThat(groups).hasSize(1);
      assertThat(distributors.get(0).get().metadata().types()).containsExactly("blob", "note");
      assertThat(groups.get(0).get().metadata().types()).containsExactly("blob", "note");
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void aPluginNamingTheExportDistributorWithoutALayoutIsRefusedSayingWhatIsMissing() {
    // This library's own class path holds no layout: the plugin registry would stop here.
    assertThatIllegalStateException()
        .isThrownBy(ExportDistributor::new)
        .withMessageContaining("META-INF/services/dev.depot.publish.export.ExportLayout");
  }
}
