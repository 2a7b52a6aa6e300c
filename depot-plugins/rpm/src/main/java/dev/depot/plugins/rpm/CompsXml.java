package dev.depot.plugins.rpm;

import static dev.depot.plugins.rpm.UpdateinfoXml.element;

import dev.depot.plugin.Unit;
import java.util.List;
import java.util.Map;

/**
 * A comps unit's element of comps.xml ({@code group}, {@code category}, {@code environment} or
 * {@code langpacks}), as dnf reads it ({@code dnf group list}), from the unit's stored metadata.
 */
final class CompsXml {
  private CompsXml() {}

  static String render(Unit unit) {
    Map<String, Object> m = unit.metadata();
    if (unit.typeId().equals(RpmTypes.LANGPACKS)) {
      return langpacks(m);
    }
    String tag =
        switch (unit.typeId()) {
          case RpmTypes.GROUP -> "group";
          case RpmTypes.CATEGORY -> "category";
          default -> "environment";
        };
    StringBuilder x = new StringBuilder(512);
    x.append("  <").append(tag).append(">\n");
    element(x, "    ", "id", unit.unitKey().get("id"));
    translated(x, "name", m.get("name"), m.get("translated_name"));
    translated(x, "description", m.get("description"), m.get("translated_description"));
    switch (unit.typeId()) {
      case RpmTypes.GROUP -> group(x, m);
      case RpmTypes.CATEGORY -> {
        element(x, "    ", "display_order", m.get("display_order"));
        groupList(x, "grouplist", m.get("packagegroupids"));
      }
      default -> {
        element(x, "    ", "display_order", m.get("display_order"));
        groupList(x, "grouplist", m.get("group_ids"));
        x.append("    <optionlist>\n");
        for (Map<?, ?> option : UpdateinfoXml.maps(m.get("options"))) {
          x.append("      <groupid");
          if (Boolean.TRUE.equals(option.get("default"))) {
            x.append(" default=\"true\"");
          }
          x.append('>').append(Xml.escape(String.valueOf(option.get("group"))));
          x.append("</groupid>\n");
        }
        x.append("    </optionlist>\n");
      }
    }
    return x.append("  </").append(tag).append(">\n").toString();
  }

  private static String langpacks(Map<String, Object> m) {
    StringBuilder x = new StringBuilder(4096).append("  <langpacks>\n");
    for (Map<?, ?> match : UpdateinfoXml.maps(m.get("matches"))) {
      x.append("    <match");
      UpdateinfoXml.attr(x, "install", match.get("install"));
      UpdateinfoXml.attr(x, "name", match.get("name"));
      x.append("/>\n");
    }
    return x.append("  </langpacks>\n").toString();
  }

  private static void group(StringBuilder x, Map<String, Object> m) {
    element(x, "    ", "default", Boolean.TRUE.equals(m.get("default")));
    element(x, "    ", "uservisible", !Boolean.FALSE.equals(m.get("user_visible")));
    element(x, "    ", "display_order", m.get("display_order"));
    element(x, "    ", "langonly", m.get("langonly"));
    x.append("    <packagelist>\n");
    for (String kind : List.of("mandatory", "default", "optional")) {
      for (Object name : list(m.get(kind + "_package_names"))) {
        x.append("      <packagereq type=\"").append(kind).append("\">");
        x.append(Xml.escape(String.valueOf(name))).append("</packagereq>\n");
      }
    }
    for (Object pair : list(m.get("conditional_package_names"))) {
      List<?> p = (List<?>) pair;
      x.append("      <packagereq type=\"conditional\" requires=\"");
      x.append(Xml.escape(String.valueOf(p.get(1)))).append("\">");
      x.append(Xml.escape(String.valueOf(p.get(0)))).append("</packagereq>\n");
    }
    x.append("    </packagelist>\n");
  }

  private static void translated(StringBuilder x, String tag, Object text, Object translations) {
    element(x, "    ", tag, text);
    if (translations instanceof Map<?, ?> byLang) {
      byLang.forEach(
          (lang, value) -> {
            x.append("    <").append(tag).append(" xml:lang=\"");
            x.append(Xml.escape(String.valueOf(lang))).append("\">");
            x.append(Xml.escape(String.valueOf(value))).append("</").append(tag).append(">\n");
          });
    }
  }

  private static void groupList(StringBuilder x, String tag, Object ids) {
    x.append("    <").append(tag).append(">\n");
    for (Object id : list(ids)) {
      x.append("      <groupid>").append(Xml.escape(String.valueOf(id))).append("</groupid>\n");
    }
    x.append("    </").append(tag).append(">\n");
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
