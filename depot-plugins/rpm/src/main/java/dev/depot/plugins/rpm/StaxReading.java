package dev.depot.plugins.rpm;

import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamReader;

/** What the readers of a feed's XML metadata share: a parser that takes no DTD or entity. */
final class StaxReading {
  /** Namespace-aware, refusing DTDs and external entities (a feed is not trusted). */
  static final XMLInputFactory FACTORY = factory();

  private StaxReading() {}

  /** Copies an attribute into {@code into} under {@code key}, when the element has it. */
  static void putAttribute(
      XMLStreamReader xml, String attribute, Map<String, Object> into, String key) {
    String value = xml.getAttributeValue(null, attribute);
    if (value != null) {
      into.put(key, value);
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
