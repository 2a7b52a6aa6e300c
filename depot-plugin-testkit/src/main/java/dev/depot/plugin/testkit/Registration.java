package dev.depot.plugin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.depot.plugin.PluginMetadata;
import java.lang.reflect.Modifier;
import java.util.ServiceLoader;
import java.util.regex.Pattern;

/**
 * The checks both contracts make on how a plugin presents itself: metadata users can type, and a
 * {@code META-INF/services} entry the platform's {@link ServiceLoader} can instantiate.
 */
final class Registration {
  // Stricter than PluginMetadata's own rule: ids are typed in URLs and JSON, lower case as in Pulp.
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

  private Registration() {}

  static void assertWellFormed(PluginMetadata metadata, Class<?> plugin) {
    assertThat(metadata).as(plugin.getName() + ".metadata()").isNotNull();
    assertThat(metadata.id())
        .as("plugin id: lower-case letters, digits and underscores, starting with a letter")
        .matches(ID);
    assertThat(metadata.displayName()).as("display name of " + metadata.id()).isNotBlank();
    assertThat(metadata.types())
        .as("content types of " + metadata.id())
        .isNotEmpty()
        .allSatisfy(type -> assertThat(type).as("a content type id").isNotBlank())
        .doesNotHaveDuplicates();
  }

  static <S> void assertListed(Class<S> service, Class<?> plugin) {
    assertThat(Modifier.isPublic(plugin.getModifiers()))
        .as(plugin.getName() + " must be public for ServiceLoader")
        .isTrue();
    try {
      plugin.getConstructor(); // finds public constructors only
    } catch (NoSuchMethodException e) {
      throw new AssertionError(plugin.getName() + " needs a public no-argument constructor", e);
    }
    ServiceLoader<S> loader = ServiceLoader.load(service, plugin.getClassLoader());
    assertThat(loader.stream().map(ServiceLoader.Provider::type))
        .as("providers in META-INF/services/" + service.getName())
        .contains(plugin.asSubclass(service));
  }
}
