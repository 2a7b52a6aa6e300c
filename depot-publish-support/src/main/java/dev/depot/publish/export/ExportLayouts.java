package dev.depot.publish.export;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The export layouts installed: found with {@link ServiceLoader}, as the platform finds plugins.
 * Looked up in this library's class loader and in the thread's context class loader, so a layout in
 * a plugin jar the server loaded apart (its {@code plugins/} folder) is found: the platform creates
 * plugin instances with the plugins' class loader as the thread's context loader (see {@link
 * dev.depot.plugin.Distributor}), and the export distributors look layouts up when created.
 */
final class ExportLayouts {
  private ExportLayouts() {}

  /** Every installed layout, one per type, ordered by type id so exports are reproducible. */
  static List<ExportLayout> installed() {
    Map<String, ExportLayout> byClass = new LinkedHashMap<>();
    List<ClassLoader> loaders = new ArrayList<>();
    loaders.add(ExportLayout.class.getClassLoader());
    ClassLoader context = Thread.currentThread().getContextClassLoader();
    if (context != null) {
      loaders.add(context);
    }
    for (ClassLoader loader : loaders) {
      for (ExportLayout layout : ServiceLoader.load(ExportLayout.class, loader)) {
        byClass.putIfAbsent(layout.getClass().getName(), layout);
      }
    }
    return checked(new ArrayList<>(byClass.values()));
  }

  /** The layouts sorted by type, refusing none at all and two layouts of one type. */
  static List<ExportLayout> checked(List<ExportLayout> layouts) {
    if (layouts.isEmpty()) {
      // Found at plugin loading: the server then refuses to start, naming what is missing.
      throw new IllegalStateException(
          "no export layout found: a plugin that registers the export distributors must list its"
              + " layout in META-INF/services/"
              + ExportLayout.class.getName());
    }
    List<ExportLayout> sorted = new ArrayList<>(layouts);
    sorted.sort(Comparator.comparing(ExportLayout::type));
    Set<String> types = new HashSet<>();
    for (ExportLayout layout : sorted) {
      for (String type : layout.types()) {
        if (!types.add(type)) {
          throw new IllegalStateException("two export layouts for content type " + type);
        }
      }
    }
    return List.copyOf(sorted);
  }
}
