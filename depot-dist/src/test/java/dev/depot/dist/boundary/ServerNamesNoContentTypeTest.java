package dev.depot.dist.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.Importer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * depot-server knows no content type (issue 15): every type id and plugin id that a plugin on the
 * test class path declares through ServiceLoader is looked for in the server's main sources, as a
 * string literal or an identifier, and each use fails the build naming file and line.
 *
 * <p>How a name is matched: a literal's words (split on anything but letters, digits and {@code _})
 * must not be one; an identifier's words (split on {@code _} and camel case) must not hold a plugin
 * id's words in a row ({@code ISO_IMPORTER}, {@code isoImporter}), nor a type id spelled as it is
 * ({@code iso}, {@code isoRoot}). A capitalised word is not a type id: {@code ISO 8601} and {@code
 * IsoSchedule} are the standard's name, not the type's.
 */
class ServerNamesNoContentTypeTest {
  @Test
  void depotServerMainSourcesNameNoContentTypeNorPlugin() {
    Set<String> names = pluginNames();
    // The file plugin is on this module's class path: without its names the check would be vacuous.
    assertThat(names).contains("iso", "iso_importer", "iso_distributor", "export_distributor");
    List<String> found = new ArrayList<>();
    for (Path file : SourceTree.javaFiles(SourceTree.serverMain())) {
      found.addAll(violations(file, SourceTree.read(file), names));
    }
    assertThat(found)
        .as("depot-server names content types or plugins; move that code into the plugin")
        .isEmpty();
  }

  @Test
  void aServerSourceNamingATypeOrPluginIsReportedWithFileAndLine(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("Planted.java");
    String source =
        """
        class Planted {
          // iso in a comment is fine: it may say why
          String date = "ISO 8601";
          IsoSchedule schedule;
          String type = "iso";
          Object isoRoot;
          String id = "/v2/iso_distributor/";
          int ISO_IMPORTER = 1;
        }
        """;
    Files.writeString(file, source);
    List<String> found = violations(file, source, Set.of("iso", "iso_importer", "iso_distributor"));
    assertThat(found)
        .containsExactly(
            file + ":5: \"iso\" names iso",
            file + ":6: isoRoot names iso",
            file + ":7: \"/v2/iso_distributor/\" names iso_distributor",
            file + ":8: ISO_IMPORTER names iso_importer");
  }

  /** Every type id and plugin id declared by the plugins ServiceLoader finds here. */
  static Set<String> pluginNames() {
    Set<String> names = new TreeSet<>();
    for (ContentTypes types : ServiceLoader.load(ContentTypes.class)) {
      types.definitions().stream().map(ContentTypeDefinition::id).forEach(names::add);
    }
    ServiceLoader.load(Importer.class)
        .forEach(p -> add(names, p.metadata().id(), p.metadata().types()));
    ServiceLoader.load(Distributor.class)
        .forEach(p -> add(names, p.metadata().id(), p.metadata().types()));
    ServiceLoader.load(GroupDistributor.class)
        .forEach(p -> add(names, p.metadata().id(), p.metadata().types()));
    return names;
  }

  private static void add(Set<String> names, String pluginId, List<String> types) {
    names.add(pluginId);
    names.addAll(types);
  }

  /** Each use of a name in one source, as {@code file:line: token names name}. */
  static List<String> violations(Path file, String source, Set<String> names) {
    List<String> found = new ArrayList<>();
    for (JavaTokens.Token token : JavaTokens.of(source)) {
      for (String name : names) {
        if (token.literal()
            ? literalNames(token.text(), name)
            : identifierNames(token.text(), name)) {
          String shown = token.literal() ? "\"" + token.text() + "\"" : token.text();
          found.add(file + ":" + token.line() + ": " + shown + " names " + name);
          break;
        }
      }
    }
    return found;
  }

  private static boolean literalNames(String text, String name) {
    return Arrays.asList(text.split("[^A-Za-z0-9_]+")).contains(name);
  }

  private static boolean identifierNames(String identifier, String name) {
    if (identifier.equals(name)) {
      return true;
    }
    List<String> words = Arrays.asList(identifier.split("_|(?<=[a-z0-9])(?=[A-Z])"));
    if (!name.contains("_")) {
      return words.contains(name);
    }
    List<String> lower = words.stream().map(w -> w.toLowerCase(Locale.ROOT)).toList();
    return String.join("_", lower).matches("(.*_)?" + name + "(_.*)?");
  }
}
