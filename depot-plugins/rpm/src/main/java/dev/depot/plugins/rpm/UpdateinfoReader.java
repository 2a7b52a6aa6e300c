package dev.depot.plugins.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the advisories of an updateinfo.xml, one at a time, as erratum metadata in the shape an
 * upload takes (so both are checked by {@link ErratumFields}).
 */
final class UpdateinfoReader {
  private UpdateinfoReader() {}

  /** One advisory: its id and its metadata, not checked yet. */
  record Advisory(String id, Map<String, Object> metadata) {}

  /** Hands each advisory to {@code each}, in file order. */
  static void forEach(InputStream in, java.util.function.Consumer<Advisory> each)
      throws IOException {
    try {
      XMLStreamReader xml = StaxReading.FACTORY.createXMLStreamReader(in);
      try {
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("update")) {
            each.accept(update(xml));
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new IOException("updateinfo.xml is not well-formed: " + e.getMessage(), e);
    }
  }

  private static Advisory update(XMLStreamReader xml) throws XMLStreamException {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String attribute : List.of("from", "status", "type", "version")) {
      StaxReading.putAttribute(xml, attribute, m, attribute);
    }
    List<Map<String, Object>> references = new ArrayList<>();
    List<Map<String, Object>> collections = new ArrayList<>();
    String id = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("update")) {
        break;
      }
      if (event != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      switch (xml.getLocalName()) {
        case "id" -> id = xml.getElementText().trim();
        case "issued", "updated" -> StaxReading.putAttribute(xml, "date", m, xml.getLocalName());
        case "reboot_suggested" -> m.put("reboot_suggested", truthy(xml.getElementText()));
        case "reference" -> references.add(reference(xml));
        case "collection" -> collections.add(collection(xml));
        case "title",
            "rights",
            "release",
            "pushcount",
            "severity",
            "summary",
            "description",
            "solution" ->
            m.put(xml.getLocalName(), xml.getElementText().trim());
        default -> {} // references, pkglist: their children come next; anything else is not kept
      }
    }
    m.put("references", references);
    m.put("pkglist", collections);
    return new Advisory(id, m);
  }

  private static Map<String, Object> reference(XMLStreamReader xml) {
    Map<String, Object> r = new LinkedHashMap<>();
    for (String attribute : List.of("href", "id", "type", "title")) {
      StaxReading.putAttribute(xml, attribute, r, attribute);
    }
    return r;
  }

  private static Map<String, Object> collection(XMLStreamReader xml) throws XMLStreamException {
    Map<String, Object> c = new LinkedHashMap<>();
    StaxReading.putAttribute(xml, "short", c, "short");
    List<Map<String, Object>> packages = new ArrayList<>();
    Map<String, Object> pkg = null;
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("collection")) {
        break;
      }
      if (event != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      switch (xml.getLocalName()) {
        case "name" -> c.put("name", xml.getElementText().trim());
        case "module" -> c.put("module", module(xml));
        case "package" -> {
          pkg = new LinkedHashMap<>();
          for (String a : List.of("name", "version", "release", "epoch", "arch", "src")) {
            StaxReading.putAttribute(xml, a, pkg, a);
          }
          packages.add(pkg);
        }
        case "filename" -> put(pkg, "filename", xml.getElementText().trim());
        case "sum" -> {
          String type = xml.getAttributeValue(null, "type");
          put(pkg, "sum", List.of(String.valueOf(type), xml.getElementText().trim()));
        }
        case "reboot_suggested", "restart_suggested", "relogin_suggested" ->
            put(pkg, xml.getLocalName(), truthy(xml.getElementText()));
        default -> {}
      }
    }
    c.put("packages", packages);
    return c;
  }

  private static Map<String, Object> module(XMLStreamReader xml) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (String attribute : ErratumFields.MODULE) {
      StaxReading.putAttribute(xml, attribute, m, attribute);
    }
    return m;
  }

  private static void put(Map<String, Object> pkg, String field, Object value) {
    if (pkg != null) {
      pkg.put(field, value);
    }
  }

  private static boolean truthy(String text) {
    String t = text.trim();
    return t.equalsIgnoreCase("true") || t.equals("1");
  }
}
