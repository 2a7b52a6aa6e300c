package dev.depot.plugins.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the groups, categories, environments and langpacks of a comps.xml, one at a time, as
 * comps unit metadata in the shape an upload takes (so both are checked by {@link CompsFields}).
 * The langpacks have no id: a repository has one set of them.
 */
final class CompsReader {
  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

  private CompsReader() {}

  /** One comps entry: its unit type, id and metadata, not checked yet. */
  record Entry(String typeId, String id, Map<String, Object> metadata) {}

  /** Hands each group, category and environment to {@code each}, in file order. */
  static void forEach(InputStream in, Consumer<Entry> each) throws IOException {
    try {
      XMLStreamReader xml = StaxReading.FACTORY.createXMLStreamReader(in);
      try {
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamReader.START_ELEMENT) {
            String type =
                switch (xml.getLocalName()) {
                  case "group" -> RpmTypes.GROUP;
                  case "category" -> RpmTypes.CATEGORY;
                  case "environment" -> RpmTypes.ENVIRONMENT;
                  default -> null;
                };
            if (type != null) {
              each.accept(entry(xml, type));
            } else if (xml.getLocalName().equals("langpacks")) {
              each.accept(langpacks(xml));
            }
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException("comps.xml is not well-formed: " + e.getMessage(), e);
    }
  }

  private static Entry entry(XMLStreamReader xml, String type) throws XMLStreamException {
    String end = xml.getLocalName();
    Map<String, Object> m = new LinkedHashMap<>();
    Map<String, String> names = new LinkedHashMap<>();
    Map<String, String> descriptions = new LinkedHashMap<>();
    Map<String, List<Object>> lists = new LinkedHashMap<>();
    List<Map<String, Object>> options = new ArrayList<>();
    String id = null;
    String section = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals(end)) {
        break;
      }
      if (event != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      String lang = xml.getAttributeValue(XML_NS, "lang");
      switch (xml.getLocalName()) {
        case "id" -> id = xml.getElementText().trim();
        case "name" -> translated(m, names, "name", lang, xml.getElementText().trim());
        case "description" ->
            translated(m, descriptions, "description", lang, xml.getElementText().trim());
        case "default" -> m.put("default", xml.getElementText().trim());
        case "uservisible" -> m.put("user_visible", xml.getElementText().trim());
        case "display_order" -> m.put("display_order", xml.getElementText().trim());
        case "langonly" -> m.put("langonly", xml.getElementText().trim());
        case "grouplist", "optionlist" -> section = xml.getLocalName();
        case "packagereq" -> packageReq(xml, lists);
        case "groupid" -> groupId(xml, type, section, lists, options);
        default -> {}
      }
    }
    m.put("translated_name", names);
    m.put("translated_description", descriptions);
    lists.forEach(m::put);
    if (type.equals(RpmTypes.ENVIRONMENT)) {
      m.put("options", options);
    }
    return new Entry(type, id, m);
  }

  private static Entry langpacks(XMLStreamReader xml) throws XMLStreamException {
    List<Map<String, Object>> matches = new ArrayList<>();
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("langpacks")) {
        break;
      }
      if (event == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("match")) {
        Map<String, Object> match = new LinkedHashMap<>();
        match.put("name", xml.getAttributeValue(null, "name"));
        match.put("install", xml.getAttributeValue(null, "install"));
        matches.add(match);
      }
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("matches", matches);
    return new Entry(RpmTypes.LANGPACKS, null, m);
  }

  private static void translated(
      Map<String, Object> m, Map<String, String> byLang, String field, String lang, String text) {
    if (lang == null) {
      m.put(field, text);
    } else {
      byLang.put(lang, text);
    }
  }

  private static void packageReq(XMLStreamReader xml, Map<String, List<Object>> lists)
      throws XMLStreamException {
    String kind = xml.getAttributeValue(null, "type");
    String requires = xml.getAttributeValue(null, "requires");
    String name = xml.getElementText().trim();
    String k = kind == null ? "mandatory" : kind;
    if (k.equals("conditional")) {
      lists
          .computeIfAbsent("conditional_package_names", x -> new ArrayList<>())
          .add(List.of(name, String.valueOf(requires)));
    } else {
      lists.computeIfAbsent(k + "_package_names", x -> new ArrayList<>()).add(name);
    }
  }

  private static void groupId(
      XMLStreamReader xml,
      String type,
      String section,
      Map<String, List<Object>> lists,
      List<Map<String, Object>> options)
      throws XMLStreamException {
    boolean isDefault = "true".equalsIgnoreCase(xml.getAttributeValue(null, "default"));
    String group = xml.getElementText().trim();
    if ("optionlist".equals(section)) {
      Map<String, Object> option = new LinkedHashMap<>();
      option.put("group", group);
      option.put("default", isDefault);
      options.add(option);
    } else {
      String field = type.equals(RpmTypes.CATEGORY) ? "packagegroupids" : "group_ids";
      lists.computeIfAbsent(field, x -> new ArrayList<>()).add(group);
    }
  }
}
