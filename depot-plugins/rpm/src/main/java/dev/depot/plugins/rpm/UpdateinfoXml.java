package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import java.util.List;
import java.util.Map;

/**
 * An erratum's {@code <update>} element of updateinfo.xml, as createrepo_c's modifyrepo and Pulp
 * write it and dnf reads it ({@code dnf updateinfo}), from the unit's stored metadata.
 */
final class UpdateinfoXml {
  private UpdateinfoXml() {}

  /**
   * The erratum's element; of its packages only those {@code listed} (Pulp narrowed each
   * repository's updateinfo the same way), its collections kept even when none is left.
   */
  static String render(Unit unit, PackageNevras listed) {
    Map<String, Object> m = unit.metadata();
    StringBuilder x = new StringBuilder(1024);
    x.append("  <update");
    attr(x, "from", m.get("from"));
    attr(x, "status", m.get("status"));
    attr(x, "type", m.get("type"));
    attr(x, "version", m.get("version"));
    x.append(">\n");
    element(x, "    ", "id", unit.unitKey().get("id"));
    element(x, "    ", "title", m.get("title"));
    date(x, "issued", m.get("issued"));
    date(x, "updated", m.get("updated"));
    for (String field : List.of("rights", "release", "pushcount", "severity", "summary")) {
      element(x, "    ", field, m.get(field));
    }
    element(x, "    ", "description", m.get("description"));
    element(x, "    ", "solution", m.get("solution"));
    if (Boolean.TRUE.equals(m.get("reboot_suggested"))) {
      x.append("    <reboot_suggested>True</reboot_suggested>\n");
    }
    x.append("    <references>\n");
    for (Map<?, ?> ref : maps(m.get("references"))) {
      x.append("      <reference");
      attr(x, "href", ref.get("href"));
      attr(x, "id", ref.get("id"));
      attr(x, "type", ref.get("type"));
      attr(x, "title", ref.get("title"));
      x.append("/>\n");
    }
    x.append("    </references>\n    <pkglist>\n");
    for (Map<?, ?> collection : maps(m.get("pkglist"))) {
      x.append("      <collection");
      attr(x, "short", collection.get("short"));
      x.append(">\n");
      element(x, "        ", "name", collection.get("name"));
      if (collection.get("module") instanceof Map<?, ?> module) {
        x.append("        <module");
        for (String a : ErratumFields.MODULE) {
          attr(x, a, module.get(a));
        }
        x.append("/>\n");
      }
      for (Map<?, ?> p : maps(collection.get("packages"))) {
        if (listed.contains(p)) {
          pkg(x, p);
        }
      }
      x.append("      </collection>\n");
    }
    return x.append("    </pkglist>\n  </update>\n").toString();
  }

  private static void pkg(StringBuilder x, Map<?, ?> p) {
    x.append("        <package");
    for (String a : List.of("name", "version", "release", "epoch", "arch", "src")) {
      attr(x, a, p.get(a));
    }
    x.append(">\n");
    element(x, "          ", "filename", p.get("filename"));
    if (p.get("sum") instanceof List<?> sum && sum.size() == 2) {
      x.append("          <sum type=\"").append(Xml.escape(String.valueOf(sum.get(0))));
      x.append("\">").append(Xml.escape(String.valueOf(sum.get(1)))).append("</sum>\n");
    }
    for (String suggested : ErratumFields.SUGGESTED) {
      if (Boolean.TRUE.equals(p.get(suggested))) {
        x.append("          <").append(suggested).append(">True</").append(suggested);
        x.append(">\n");
      }
    }
    x.append("        </package>\n");
  }

  @SuppressWarnings("unchecked")
  static List<Map<?, ?>> maps(Object value) {
    return value instanceof List<?> list
        ? (List<Map<?, ?>>) (List<?>) list.stream().filter(Map.class::isInstance).toList()
        : List.of();
  }

  private static void date(StringBuilder x, String name, Object date) {
    if (date != null) {
      x.append("    <").append(name).append(" date=\"").append(Xml.escape(date.toString()));
      x.append("\"/>\n");
    }
  }

  static void attr(StringBuilder x, String name, Object value) {
    if (value != null) {
      x.append(' ').append(name).append("=\"").append(Xml.escape(value.toString())).append('"');
    }
  }

  static void element(StringBuilder x, String indent, String name, Object value) {
    if (value != null) {
      x.append(indent).append('<').append(name).append('>');
      x.append(Xml.escape(value.toString())).append("</").append(name).append(">\n");
    }
  }
}
