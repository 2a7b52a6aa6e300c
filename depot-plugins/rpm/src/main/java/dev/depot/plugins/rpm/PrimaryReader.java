package dev.depot.plugins.rpm;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Streams the packages of a primary.xml, one {@link RemotePackage} at a time: memory stays the same
 * for ten packages or a hundred thousand. Each package's {@code format} (dependencies, files) is
 * skipped: Depot reads those from the package itself.
 */
final class PrimaryReader {
  private static final XMLInputFactory XML = factory();
  private static final String XML_NS = "http://www.w3.org/XML/1998/namespace";

  private PrimaryReader() {}

  /** primary.xml that cannot be read as one: malformed XML, or a package lacking a field. */
  static final class MalformedPrimary extends IOException {
    private static final long serialVersionUID = 1L;

    MalformedPrimary(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Hands each package to {@code each}, in the order primary lists them. */
  static void forEach(InputStream primary, Consumer<RemotePackage> each) throws MalformedPrimary {
    try {
      XMLStreamReader xml = XML.createXMLStreamReader(primary);
      try {
        while (xml.hasNext()) {
          if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("package")) {
            each.accept(readPackage(xml));
          }
        }
      } finally {
        xml.close();
      }
    } catch (XMLStreamException e) {
      throw new MalformedPrimary("primary.xml is not well-formed: " + e.getMessage(), e);
    }
  }

  private static RemotePackage readPackage(XMLStreamReader xml)
      throws XMLStreamException, MalformedPrimary {
    Fields f = new Fields();
    while (xml.hasNext()) {
      int event = xml.next();
      if (event == XMLStreamReader.END_ELEMENT && xml.getLocalName().equals("package")) {
        return f.build(xml);
      }
      if (event == XMLStreamReader.START_ELEMENT) {
        f.read(xml);
      }
    }
    throw new MalformedPrimary("primary.xml ends inside a package", null);
  }

  /** The fields of one package as they come. */
  private static final class Fields {
    String name;
    String arch;
    String epoch;
    String version;
    String release;
    String checksumType;
    String checksum;
    String href;
    String xmlBase;
    long size = -1;
    long fileTime;

    void read(XMLStreamReader xml) throws XMLStreamException {
      switch (xml.getLocalName()) {
        case "name" -> name = xml.getElementText().trim();
        case "arch" -> arch = xml.getElementText().trim();
        case "version" -> {
          epoch = xml.getAttributeValue(null, "epoch");
          version = xml.getAttributeValue(null, "ver");
          release = xml.getAttributeValue(null, "rel");
        }
        case "checksum" -> {
          checksumType = xml.getAttributeValue(null, "type");
          checksum = xml.getElementText().trim().toLowerCase(java.util.Locale.ROOT);
        }
        case "time" -> fileTime = number(xml.getAttributeValue(null, "file"), 0);
        case "size" -> size = number(xml.getAttributeValue(null, "package"), -1);
        case "location" -> {
          href = xml.getAttributeValue(null, "href");
          xmlBase = xml.getAttributeValue(XML_NS, "base");
        }
        case "format" -> skip(xml);
        default -> {
          // summary, description, packager, url: read from the package itself
        }
      }
    }

    RemotePackage build(XMLStreamReader xml) throws MalformedPrimary {
      String missing =
          name == null
              ? "name"
              : arch == null
                  ? "arch"
                  : version == null || release == null
                      ? "version"
                      : checksum == null || checksumType == null
                          ? "checksum"
                          : href == null ? "location" : null;
      if (missing != null) {
        throw new MalformedPrimary(
            "a package in primary.xml has no "
                + missing
                + (name == null ? "" : " (" + name + ")")
                + " near line "
                + xml.getLocation().getLineNumber(),
            null);
      }
      return new RemotePackage(
          name,
          epoch == null || epoch.isEmpty() ? "0" : epoch,
          version,
          release,
          arch,
          checksumType,
          checksum,
          href,
          size,
          fileTime,
          xmlBase);
    }

    private static long number(String text, long fallback) {
      try {
        return text == null ? fallback : Long.parseLong(text.trim());
      } catch (NumberFormatException e) {
        return fallback;
      }
    }

    private static void skip(XMLStreamReader xml) throws XMLStreamException {
      for (int depth = 1; depth > 0; ) {
        int event = xml.next();
        if (event == XMLStreamReader.START_ELEMENT) {
          depth++;
        } else if (event == XMLStreamReader.END_ELEMENT) {
          depth--;
        }
      }
    }
  }

  private static XMLInputFactory factory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
