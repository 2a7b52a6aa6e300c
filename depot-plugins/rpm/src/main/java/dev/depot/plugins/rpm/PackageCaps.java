package dev.depot.plugins.rpm;

import dev.depot.plugin.Unit;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * What a package provides and requires, read back from the primary.xml element stored with its
 * unit: its name and EVR, its provides, its requires (rpmlib features left out) and the files
 * primary lists (those a requirement may name by path), and its weak {@code Recommends}, which dnf
 * installs too when it can. Only this is kept for dependency solving, not the unit, whose stored
 * metadata is far larger.
 *
 * @param typeId the unit's type
 * @param unitKey the unit's key, to find it again
 * @param name the package name
 * @param evr its epoch, version and release
 * @param provides its provides, each file in primary as a provide too
 * @param requires what it requires
 * @param recommends what it recommends
 */
record PackageCaps(
    String typeId,
    Map<String, Object> unitKey,
    String name,
    Evr evr,
    List<Capability> provides,
    List<Capability> requires,
    List<Capability> recommends) {
  private static final XMLInputFactory XML = newFactory();

  /** Reads the unit's stored primary element. */
  static PackageCaps of(Unit unit) {
    Object repodata = unit.metadata().get(RpmUnit.REPODATA);
    if (!(repodata instanceof Map<?, ?> fragments)
        || !(fragments.get("primary") instanceof String primary)) {
      throw new IllegalArgumentException("unit " + unit.unitKey() + " has no primary metadata");
    }
    Map<String, Object> key = unit.unitKey();
    Evr evr =
        new Evr(
            String.valueOf(key.get("epoch")),
            String.valueOf(key.get("version")),
            String.valueOf(key.get("release")));
    List<Capability> provides = new ArrayList<>();
    List<Capability> requires = new ArrayList<>();
    List<Capability> recommends = new ArrayList<>();
    try {
      read(primary, provides, requires, recommends);
    } catch (XMLStreamException e) {
      throw new IllegalArgumentException(
          "unit " + key + " has unreadable primary metadata: " + e.getMessage(), e);
    }
    return new PackageCaps(
        unit.typeId(), key, String.valueOf(key.get("name")), evr, provides, requires, recommends);
  }

  /** The key as one comparable string, for sets of chosen packages. */
  String id() {
    return id(typeId, unitKey);
  }

  /** {@link #id()} of a unit (of any type: each unit key its own), without its metadata. */
  static String idOf(Unit unit) {
    return id(unit.typeId(), unit.unitKey());
  }

  private static String id(String typeId, Map<String, Object> key) {
    if (!key.containsKey("checksum")) {
      // A module stream, an erratum, a group: keyed by fields of their own, not by a digest.
      return typeId + ":" + new java.util.TreeMap<>(key);
    }
    return typeId + ":" + key.get("checksumtype") + ":" + key.get("checksum");
  }

  /** Whether one of this package's provides meets {@code required}. */
  boolean meets(Capability required) {
    for (Capability provided : provides) {
      if (provided.meets(required)) {
        return true;
      }
    }
    return false;
  }

  private static void read(
      String primary,
      List<Capability> provides,
      List<Capability> requires,
      List<Capability> recommends)
      throws XMLStreamException {
    XMLStreamReader xml = XML.createXMLStreamReader(new StringReader(primary));
    try {
      List<Capability> section = null;
      while (xml.hasNext()) {
        int event = xml.next();
        if (event == XMLStreamReader.END_ELEMENT && isSection(local(xml))) {
          section = null;
        } else if (event == XMLStreamReader.START_ELEMENT) {
          String element = local(xml);
          switch (element) {
            case "provides" -> section = provides;
            case "requires" -> section = requires;
            case "recommends" -> section = recommends;
            case "entry" -> addEntry(xml, section);
            case "file" -> provides.add(new Capability(xml.getElementText(), null, null));
            default -> {
              if (isSection(element)) {
                section = null; // conflicts, obsoletes, the other weak ones: dnf installs none
              }
            }
          }
        }
      }
    } finally {
      xml.close();
    }
  }

  private static void addEntry(XMLStreamReader xml, List<Capability> section) {
    if (section == null) {
      return;
    }
    String flags = xml.getAttributeValue(null, "flags");
    Evr evr =
        flags == null
            ? null
            : new Evr(
                xml.getAttributeValue(null, "epoch"),
                xml.getAttributeValue(null, "ver"),
                xml.getAttributeValue(null, "rel"));
    Capability capability = new Capability(xml.getAttributeValue(null, "name"), flags, evr);
    if (!capability.isRpmInternal()) {
      section.add(capability);
    }
  }

  private static boolean isSection(String element) {
    return switch (element) {
      case "provides",
          "requires",
          "conflicts",
          "obsoletes",
          "suggests",
          "enhances",
          "recommends",
          "supplements" ->
          true;
      default -> false;
    };
  }

  /** The element's name without its prefix: the fragment uses {@code rpm:} undeclared. */
  private static String local(XMLStreamReader xml) {
    String name = xml.getLocalName();
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(colon + 1);
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    return factory;
  }
}
