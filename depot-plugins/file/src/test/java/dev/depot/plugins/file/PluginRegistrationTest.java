package dev.depot.plugins.file;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.Importer;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class PluginRegistrationTest {

  @Test
  void declaresTheIsoTypeKeyedByNameChecksumAndSize() {
    List<ContentTypeDefinition> definitions = new FileContentTypes().definitions();

    assertThat(definitions).hasSize(1);
    ContentTypeDefinition iso = definitions.get(0);
    assertThat(iso.id()).isEqualTo("iso");
    assertThat(iso.displayName()).isEqualTo("ISO/File");
    assertThat(iso.unitKey()).containsExactly("name", "checksum", "size");
    assertThat(iso.searchIndexes()).containsExactly("name", "checksum");
  }

  @Test
  void importerAndDistributorCarryPulpIdsAndHandleIso() {
    assertThat(new IsoImporter().metadata().id()).isEqualTo("iso_importer");
    assertThat(new IsoImporter().metadata().displayName()).isEqualTo("ISO Importer");
    assertThat(new IsoImporter().metadata().types()).containsExactly("iso");
    assertThat(new IsoDistributor().metadata().id()).isEqualTo("iso_distributor");
    assertThat(new IsoDistributor().metadata().displayName()).isEqualTo("ISO Distributor");
    assertThat(new IsoDistributor().metadata().types()).containsExactly("iso");
  }

  @Test
  void serviceLoaderFindsTheThreeServices() {
    assertThat(ServiceLoader.load(ContentTypes.class).stream().map(ServiceLoader.Provider::type))
        .contains(FileContentTypes.class);
    assertThat(ServiceLoader.load(Importer.class).stream().map(ServiceLoader.Provider::type))
        .contains(IsoImporter.class);
    assertThat(ServiceLoader.load(Distributor.class).stream().map(ServiceLoader.Provider::type))
        .contains(IsoDistributor.class);
  }

  @Test
  void serviceLoaderCanInstantiateEachService() {
    assertThat(ServiceLoader.load(Importer.class))
        .anySatisfy(importer -> assertThat(importer).isInstanceOf(IsoImporter.class));
    assertThat(ServiceLoader.load(Distributor.class))
        .anySatisfy(distributor -> assertThat(distributor).isInstanceOf(IsoDistributor.class));
    assertThat(ServiceLoader.load(ContentTypes.class))
        .anySatisfy(types -> assertThat(types).isInstanceOf(FileContentTypes.class));
  }
}
