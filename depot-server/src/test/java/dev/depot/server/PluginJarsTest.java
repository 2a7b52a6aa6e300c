package dev.depot.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.Distributor;
import dev.depot.plugin.GroupDistributor;
import dev.depot.publish.export.ExportDistributor;
import dev.depot.publish.export.ExportLayout;
import dev.depot.publish.export.GroupExportDistributor;
import dev.depot.server.plugin.DroppedJarNoteLayout;
import dev.depot.server.plugin.PluginRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar dropped in {@code <data-dir>/plugins/} is loaded apart from the server's class path,
 * and a shared library class it names (the generic export distributor, which lives on the server's
 * class path) still finds the jar's own services: the platform creates plugin instances with the
 * plugins' class loader as the thread's context loader.
 */
class PluginJarsTest {
  @TempDir Path dataDir;

  /** A jar holding only services files, as a plugin that reuses the SDK's export distributors. */
  private void dropPluginJar(Map<String, String> services) throws IOException {
    Path jar = Files.createDirectories(dataDir.resolve("plugins")).resolve("notes-export.jar");
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      for (Map.Entry<String, String> service : services.entrySet()) {
        out.putNextEntry(new JarEntry("META-INF/services/" + service.getKey()));
        out.write((service.getValue() + "\n").getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
      }
    }
  }

  @Test
  void exportDistributorsNamedInADroppedJarFindTheLayoutThatJarRegisters() throws Exception {
    dropPluginJar(
        Map.of(
            Distributor.class.getName(), ExportDistributor.class.getName(),
            GroupDistributor.class.getName(), GroupExportDistributor.class.getName(),
            ExportLayout.class.getName(), DroppedJarNoteLayout.class.getName()));
    ClassLoader before = Thread.currentThread().getContextClassLoader();

    PluginRegistry plugins = PluginRegistry.load(PluginJars.classLoader(dataDir));

    assertThat(plugins.newDistributor(ExportDistributor.ID).metadata().types())
        .containsExactly("note");
    assertThat(plugins.newGroupDistributor(GroupExportDistributor.ID).metadata().types())
        .containsExactly("note");
    assertThat(Thread.currentThread().getContextClassLoader())
        .as("the context loader is put back after each plugin is created")
        .isSameAs(before);
  }
}
