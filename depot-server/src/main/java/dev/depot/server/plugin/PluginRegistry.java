package dev.depot.server.plugin;

import dev.depot.plugin.ContentTypeDefinition;
import dev.depot.plugin.ContentTypes;
import dev.depot.plugin.Distributor;
import dev.depot.plugin.GroupDistributor;
import dev.depot.plugin.Importer;
import dev.depot.plugin.Platform;
import dev.depot.plugin.PluginMetadata;
import dev.depot.plugin.Profiler;
import dev.depot.server.error.InvalidValue;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The importers, distributors, content types and content APIs found with {@link ServiceLoader}.
 * Keeps one provider per plugin id and hands out a fresh instance for every operation, as the
 * plugin contract promises; the platform never names a plugin class.
 */
public final class PluginRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRegistry.class);

  private final Map<String, ContentTypeDefinition> types;
  private final Map<String, Loaded<Importer>> importers;
  private final Map<String, Loaded<Distributor>> distributors;
  private final Map<String, Loaded<GroupDistributor>> groupDistributors;
  private final Map<String, Loaded<Profiler>> profilers;
  private final ContentApis contentApis;
  // Until the server knows its URLs, plugins publish under the working directory's default.
  private volatile Platform platform =
      Platform.publishingUnder(java.nio.file.Path.of("published").toAbsolutePath());

  private PluginRegistry(
      Map<String, ContentTypeDefinition> types,
      Map<String, Loaded<Importer>> importers,
      Map<String, Loaded<Distributor>> distributors,
      Map<String, Loaded<GroupDistributor>> groupDistributors,
      Map<String, Loaded<Profiler>> profilers,
      ContentApis contentApis) {
    this.contentApis = contentApis;
    this.profilers = Collections.unmodifiableMap(profilers);
    this.types = Collections.unmodifiableMap(types);
    this.importers = Collections.unmodifiableMap(importers);
    this.distributors = Collections.unmodifiableMap(distributors);
    this.groupDistributors = Collections.unmodifiableMap(groupDistributors);
  }

  /**
   * Finds every plugin visible to the class loader. Refuses duplicate ids and plugins that name a
   * content type nobody declared: a server that starts has a consistent set of plugins.
   */
  public static PluginRegistry load(ClassLoader loader) {
    Map<String, ContentTypeDefinition> types = new TreeMap<>();
    for (ContentTypes declared : ServiceLoader.load(ContentTypes.class, loader)) {
      for (ContentTypeDefinition type : declared.definitions()) {
        if (types.putIfAbsent(type.id(), type) != null) {
          throw new IllegalStateException("content type " + type.id() + " is declared twice");
        }
      }
    }
    Map<String, Loaded<Importer>> importers =
        providers(loader, Importer.class, Importer::metadata, "importer", types);
    Map<String, Loaded<Distributor>> distributors =
        providers(loader, Distributor.class, Distributor::metadata, "distributor", types);
    Map<String, Loaded<GroupDistributor>> groupDistributors =
        providers(
            loader, GroupDistributor.class, GroupDistributor::metadata, "group distributor", types);
    Map<String, Loaded<Profiler>> profilers =
        providers(loader, Profiler.class, Profiler::metadata, "profiler", types);
    return new PluginRegistry(
        types, importers, distributors, groupDistributors, profilers, ContentApis.load(loader));
  }

  private static <T> Map<String, Loaded<T>> providers(
      ClassLoader loader,
      Class<T> service,
      Function<T, PluginMetadata> metadataOf,
      String kind,
      Map<String, ContentTypeDefinition> types) {
    Map<String, Loaded<T>> loaded = new TreeMap<>();
    ServiceLoader.load(service, loader).stream()
        .forEach(
            found -> {
              Supplier<T> provider = () -> inContextOf(loader, found::get);
              PluginMetadata metadata = metadataOf.apply(provider.get());
              for (String type : metadata.types()) {
                if (!types.containsKey(type)) {
                  throw new IllegalStateException(
                      kind + " " + metadata.id() + " handles unknown content type " + type);
                }
              }
              if (loaded.putIfAbsent(metadata.id(), new Loaded<>(metadata, provider)) != null) {
                throw new IllegalStateException(kind + " id " + metadata.id() + " is taken twice");
              }
              LOG.info(
                  "Loaded {} {} (types {}) from {}",
                  kind,
                  metadata.id(),
                  metadata.types(),
                  found.type().getProtectionDomain().getCodeSource() == null
                      ? "the class path"
                      : found.type().getProtectionDomain().getCodeSource().getLocation());
            });
    return loaded;
  }

  /**
   * Creates a plugin instance with the plugins' class loader as the thread's context loader, as the
   * plugin API promises: a class of a shared library that a plugin names in its services file (the
   * generic export distributor) finds the services of plugin jars loaded apart (their export
   * layouts) through it, not only those beside the library.
   */
  static <T> T inContextOf(ClassLoader loader, Supplier<T> create) {
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      return create.get();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A new instance of the profiler of that profile type, if a plugin has one. */
  public java.util.Optional<Profiler> profilerOf(String contentType) {
    return profilers.values().stream()
        .filter(p -> p.metadata().types().contains(contentType))
        .findFirst()
        .map(p -> p.factory().get());
  }

  /** Every content type, by id. */
  public Collection<ContentTypeDefinition> contentTypes() {
    return types.values();
  }

  /** Every importer's metadata, by id. */
  public Collection<PluginMetadata> importers() {
    return importers.values().stream().map(Loaded::metadata).toList();
  }

  /** Every distributor's metadata, by id. */
  public Collection<PluginMetadata> distributors() {
    return distributors.values().stream().map(Loaded::metadata).toList();
  }

  /** Every group distributor's metadata, by id. */
  public Collection<PluginMetadata> groupDistributors() {
    return groupDistributors.values().stream().map(Loaded::metadata).toList();
  }

  /** The HTTP APIs plugins serve beside their published trees. */
  public ContentApis contentApis() {
    return contentApis;
  }

  /** Whether an importer with this id is loaded. */
  public boolean hasImporter(String typeId) {
    return importers.containsKey(typeId);
  }

  /** Whether a distributor with this id is loaded. */
  public boolean hasDistributor(String typeId) {
    return distributors.containsKey(typeId);
  }

  /** Whether a group distributor with this id is loaded. */
  public boolean hasGroupDistributor(String typeId) {
    return groupDistributors.containsKey(typeId);
  }

  /** A content type by id, or null. */
  public ContentTypeDefinition contentType(String id) {
    return types.get(id);
  }

  /**
   * A new importer instance.
   *
   * @throws InvalidValue naming {@code importer_type_id} and the known ids when unknown
   */
  public Importer newImporter(String typeId) {
    Loaded<Importer> loaded = importers.get(typeId);
    if (loaded == null) {
      throw InvalidValue.coded(
          "PLP1008",
          "Importer type " + typeId + " does not exist; known: " + importers.keySet(),
          "importer_type_id");
    }
    Importer importer = loaded.factory().get();
    importer.init(platform);
    return importer;
  }

  /**
   * A new distributor instance.
   *
   * @throws InvalidValue naming {@code distributor_type_id} and the known ids when unknown
   */
  public Distributor newDistributor(String typeId) {
    Loaded<Distributor> loaded = distributors.get(typeId);
    if (loaded == null) {
      throw InvalidValue.of(
          "Distributor type " + typeId + " does not exist; known: " + distributors.keySet(),
          "distributor_type_id");
    }
    Distributor distributor = loaded.factory().get();
    distributor.init(platform);
    return distributor;
  }

  /**
   * A new group distributor instance.
   *
   * @throws InvalidValue naming {@code distributor_type_id} and the known ids when unknown
   */
  public GroupDistributor newGroupDistributor(String typeId) {
    Loaded<GroupDistributor> loaded = groupDistributors.get(typeId);
    if (loaded == null) {
      throw InvalidValue.of(
          "Group distributor type "
              + typeId
              + " does not exist; known: "
              + groupDistributors.keySet(),
          "distributor_type_id");
    }
    GroupDistributor distributor = loaded.factory().get();
    distributor.init(platform);
    return distributor;
  }

  /**
   * Sets what every new plugin instance is told about the server; the server calls it once its
   * listeners are bound, before it takes work.
   */
  public void usePlatform(Platform platform) {
    this.platform = java.util.Objects.requireNonNull(platform, "platform");
  }

  /** What new plugin instances are told about the server. */
  public Platform platform() {
    return platform;
  }

  private record Loaded<T>(PluginMetadata metadata, Supplier<T> factory) {}
}
